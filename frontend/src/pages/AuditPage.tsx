// The audit log (admins), newest first: who did what to which object, with the state before and
// after; filtered by actor, action, target and time, paged by the server's cursor.
import { Button, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { api, must } from "../api/client";
import { ErrorNote, formatTime, Loading } from "../components/Status";
import { ShowMore } from "../components/ShowMore";
import { usePaged } from "../lib/usePaged";
import { useSearchFilters } from "../lib/useSearchFilters";

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
const KEYS = ["actor", "action", "target_type", "target_id", "from", "to"] as const;
const LABELS: Record<(typeof KEYS)[number], string> = {
  actor: "Actor",
  action: "Action",
  target_type: "Target type",
  target_id: "Target id",
  from: "From (UTC)",
  to: "Until (UTC)",
};

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
  const { applied, form, setForm, submit, key, query } = useSearchFilters(KEYS);
  const { items, error, hasMore, loadingMore, more } = usePaged<Entry>((cursor) => {
    const q: Record<string, string> = query();
    // The form's times are UTC (datetime-local has no zone).
    if (applied.from) q.from = `${applied.from}:00Z`;
    if (applied.to) q.to = `${applied.to}:00Z`;
    if (cursor) q.cursor = cursor;
    return must(api.GET("/api/v1/audit", { params: { query: q as never } }));
  }, key);

  return (
    <Stack>
      <Title order={1}>Audit log</Title>
      <form onSubmit={submit} role="search" aria-label="Filter the audit log">
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
      <ShowMore hasMore={hasMore} loadingMore={loadingMore} more={more} />
    </Stack>
  );
}
