// Postmortems: full-text search and filters, kept in the address so a search can be shared.
import { Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
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
import { usePaged } from "../lib/usePaged";

type Item = {
  id?: string;
  title?: string;
  status?: string;
  severity?: string;
  tags?: string[];
  updated_at?: string;
};

type Filters = { q: string; status: string; severity: string; tag: string; category: string };
const KEYS: (keyof Filters)[] = ["q", "status", "severity", "tag", "category"];

function readFilters(params: URLSearchParams): Filters {
  const f = { q: "", status: "", severity: "", tag: "", category: "" };
  for (const k of KEYS) f[k] = params.get(k) ?? "";
  return f;
}

export function PostmortemListPage() {
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [form, setForm] = useState<Filters>(applied);
  const key = params.toString();
  const { items, error, hasMore, loadingMore, more } = usePaged<Item>((cursor) => {
    const query: Record<string, string> = {};
    for (const k of KEYS) if (applied[k]) query[k] = applied[k];
    if (cursor) query.cursor = cursor;
    return must(api.GET("/api/v1/postmortems", { params: { query: query as never } }));
  }, key);
  // The form shows the search the address holds, also after Back.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setForm(readFilters(params)), [key]);

  function search(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of KEYS) if (form[k].trim()) next.set(k, form[k].trim());
    setParams(next);
  }

  const filtered = KEYS.some((k) => applied[k]);

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Postmortems</Title>
        <Button component={Link} to="/postmortems/new">
          New postmortem
        </Button>
      </Group>
      <form onSubmit={search} role="search" aria-label="Search postmortems">
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
      {hasMore && (
        <Button variant="default" onClick={() => void more()} loading={loadingMore}>
          Show more
        </Button>
      )}
    </Stack>
  );
}
