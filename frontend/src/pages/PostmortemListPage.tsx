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
  const [items, setItems] = useState<Item[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = params.toString();

  async function fetchPage(after: string | null) {
    const f = readFilters(params);
    const query: Record<string, string> = {};
    for (const k of KEYS) if (f[k]) query[k] = f[k];
    if (after) query.cursor = after;
    return must(
      api.GET("/api/v1/postmortems", {
        params: { query: query as never },
      }),
    );
  }

  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    setForm(readFilters(params));
    fetchPage(null)
      .then((page) => {
        if (!live) return;
        setItems(page.items ?? []);
        setCursor(page.next_cursor ?? null);
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  function search(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of KEYS) if (form[k].trim()) next.set(k, form[k].trim());
    setParams(next);
  }

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      setItems((old) => [...(old ?? []), ...(page.items ?? [])]);
      setCursor(page.next_cursor ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
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
      {cursor && (
        <Button variant="default" onClick={() => void more()} loading={loadingMore}>
          Show more
        </Button>
      )}
    </Stack>
  );
}
