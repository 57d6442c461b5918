// The audit log (admins), newest first: who did what to which object, with the state before and
// after; filtered by actor, action, target and time, paged by the server's cursor.
import { Button, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { api, must } from "../api/client";
import { ErrorNote, formatTime, Loading } from "../components/Status";
import { usePaged } from "../lib/usePaged";

type Entry = {
  id?: number;
  at?: string;
  actor?: string;
  action?: string;
  target_type?: string;
  target_id?: string | null;
  before?: unknown;
  after?: unknown;
};
type Filters = { actor: string; action: string; target_type: string; target_id: string; from: string; to: string };
const KEYS: (keyof Filters)[] = ["actor", "action", "target_type", "target_id", "from", "to"];
const LABELS: Record<keyof Filters, string> = {
  actor: "Actor",
  action: "Action",
  target_type: "Target type",
  target_id: "Target id",
  from: "From (UTC)",
  to: "Until (UTC)",
};

function readFilters(params: URLSearchParams): Filters {
  const f = { actor: "", action: "", target_type: "", target_id: "", from: "", to: "" };
  for (const k of KEYS) f[k] = params.get(k) ?? "";
  return f;
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <>—</>;
  return (
    <details>
      <summary>Before and after</summary>
      <pre className="json-block">
        {before != null && `before: ${JSON.stringify(before, null, 2)}\n`}
        {after != null && `after: ${JSON.stringify(after, null, 2)}`}
      </pre>
    </details>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [form, setForm] = useState(applied);
  const key = params.toString();
  const { items, error, hasMore, loadingMore, more } = usePaged<Entry>((cursor) => {
    const query: Record<string, string> = {};
    for (const k of KEYS) if (applied[k]) query[k] = applied[k];
    // The form's local times are UTC (datetime-local has no zone).
    if (applied.from) query.from = `${applied.from}:00Z`;
    if (applied.to) query.to = `${applied.to}:00Z`;
    if (cursor) query.cursor = cursor;
    return must(api.GET("/api/v1/audit", { params: { query: query as never } }));
  }, key);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setForm(readFilters(params)), [key]);

  function search(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of KEYS) if (form[k].trim()) next.set(k, form[k].trim());
    setParams(next);
  }

  return (
    <Stack>
      <Title order={1}>Audit log</Title>
      <form onSubmit={search} role="search" aria-label="Filter the audit log">
        <div className="filters">
          {KEYS.map((k) => (
            <TextInput
              key={k}
              label={LABELS[k]}
              type={k === "from" || k === "to" ? "datetime-local" : "text"}
              placeholder={k === "action" ? "user.create" : undefined}
              value={form[k]}
              onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
            />
          ))}
          <Button type="submit">Filter</Button>
        </div>
      </form>
      <ErrorNote error={error} title="Could not load the audit log" />
      {!items && !error && <Loading what="the audit log" />}
      {items && items.length === 0 && <Text c="dimmed">No entries match.</Text>}
      {items && items.length > 0 && (
        <div className="table-scroll">
          <Table striped aria-label="Audit entries" className="wide-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatTime(a.at)}</Table.Td>
                  <Table.Td className="cell-text">{a.actor}</Table.Td>
                  <Table.Td className="cell-text">{a.action}</Table.Td>
                  <Table.Td className="cell-text">
                    {a.target_type}
                    {a.target_id ? ` ${a.target_id}` : ""}
                  </Table.Td>
                  <Table.Td className="cell-text">
                    <Change before={a.before} after={a.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {hasMore && (
        <Button variant="default" onClick={() => void more()} loading={loadingMore}>
          Show more
        </Button>
      )}
    </Stack>
  );
}
