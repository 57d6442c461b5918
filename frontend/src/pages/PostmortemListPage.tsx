// Postmortems: full-text search and filters, kept in the address so a search can be shared.
import { Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { api, CATEGORIES, must, SEVERITIES, STATUSES } from "../api/client";
import {
  categoryLabel,
  ErrorNote,
  formatTime,
  Loading,
  SeverityBadge,
  StatusBadge,
  statusName,
} from "../components/Status";
import { ShowMore } from "../components/ShowMore";
import { usePaged } from "../lib/usePaged";
import { useSearchFilters } from "../lib/useSearchFilters";

type Item = {
  id?: string;
  title?: string;
  status?: string;
  severity?: string;
  tags?: string[];
  updated_at?: string;
};

const KEYS = ["q", "status", "severity", "tag", "category"] as const;

export function PostmortemListPage() {
  const { form, setForm, submit, key, query, filtered } = useSearchFilters(KEYS);
  const { items, error, hasMore, loadingMore, more } = usePaged<Item>((cursor) => {
    const q: Record<string, string> = query();
    if (cursor) q.cursor = cursor;
    return must(api.GET("/api/v1/postmortems", { params: { query: q as never } }));
  }, key);

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Postmortems</Title>
        <Button component={Link} to="/postmortems/new">
          New postmortem
        </Button>
      </Group>
      <form onSubmit={submit} role="search" aria-label="Search postmortems">
        <div className="filters">
          <TextInput
            className="grow"
            label="Search"
            placeholder='words, "a phrase", -excluded'
            value={form.q}
            onChange={(e) => setForm({ ...form, q: e.currentTarget.value })}
            type="search"
          />
          <Select
            label="Status"
            placeholder="Any"
            clearable
            data={STATUSES.map((s) => ({ value: s, label: statusName(s) }))}
            value={form.status || null}
            onChange={(v) => setForm({ ...form, status: v ?? "" })}
          />
          <Select
            label="Severity"
            placeholder="Any"
            clearable
            data={[...SEVERITIES]}
            value={form.severity || null}
            onChange={(v) => setForm({ ...form, severity: v ?? "" })}
          />
          <Select
            label="Contributing factor"
            placeholder="Any"
            clearable
            data={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
            value={form.category || null}
            onChange={(v) => setForm({ ...form, category: v ?? "" })}
          />
          <TextInput
            label="Tag"
            value={form.tag}
            onChange={(e) => setForm({ ...form, tag: e.currentTarget.value })}
          />
          <Button type="submit">Search</Button>
        </div>
      </form>
      <ErrorNote error={error} title="Could not load postmortems" />
      {!items && !error && <Loading what="postmortems" />}
      {items && items.length === 0 && (
        <Text c="dimmed">
          {filtered ? "No postmortem matches this search." : "No postmortems yet. File the first one."}
        </Text>
      )}
      {items && items.length > 0 && (
        <ul className="pm-list" aria-label="Postmortems found">
          {items.map((pm) => (
            <li key={pm.id}>
              <Group gap="xs" wrap="wrap">
                <SeverityBadge severity={pm.severity} />
                <StatusBadge status={pm.status} />
                <Anchor component={Link} to={`/postmortems/${pm.id}`} className="pm-title">
                  {pm.title}
                </Anchor>
              </Group>
              <Text size="sm" c="dimmed">
                Updated {formatTime(pm.updated_at)}
                {pm.tags && pm.tags.length > 0 && <> · tags: {pm.tags.join(", ")}</>}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <ShowMore hasMore={hasMore} loadingMore={loadingMore} more={more} />
    </Stack>
  );
}
