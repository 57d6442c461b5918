// Version history: every saved version, and the difference between any two of them.
import { Anchor, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { diffLines, type Change } from "diff";
import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, must, type Postmortem } from "../api/client";
import { ErrorNote, formatTime, Loading, statusName } from "../components/Status";
import { useLoad } from "../lib/useLoad";
import { versionText } from "../lib/versionText";

interface VersionItem {
  version?: number;
  status?: string;
  editor?: string;
  created_at?: string;
}

export function PostmortemHistoryPage() {
  const { id = "" } = useParams();
  const { data: versions, error } = useLoad(
    async (): Promise<VersionItem[]> =>
      (await must(api.GET("/api/v1/postmortems/{id}/versions", { params: { path: { id } } })))
        .items ?? [],
    [id],
  );

  if (error) return <ErrorNote error={error} title="Could not load the versions" />;
  if (!versions) return <Loading what="the versions" />;

  return (
    <Stack>
      <Title order={1} size="h2">
        Version history
      </Title>
      <Anchor component={Link} to={`/postmortems/${id}`}>
        Back to the postmortem
      </Anchor>
      <div className="table-scroll">
        <Table striped aria-label="Saved versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Saved by</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>{v.editor}</Table.Td>
                <Table.Td>{formatTime(v.created_at)}</Table.Td>
                <Table.Td>{v.status ? statusName(v.status) : ""}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Compare key={id} id={id} versions={versions} />
    </Stack>
  );
}

// Two versions side by side as a line diff; at first the last one against the one before it.
function Compare({ id, versions }: { id: string; versions: VersionItem[] }) {
  const last = versions[versions.length - 1]?.version;
  const before = versions[versions.length - 2]?.version ?? last;
  const [from, setFrom] = useState<string | null>(last ? String(before) : null);
  const [to, setTo] = useState<string | null>(last ? String(last) : null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [diffError, setDiffError] = useState<unknown>(null);
  // A saved version never changes: each is fetched once, however often it is compared.
  const fetched = useRef(new Map<string, Promise<Postmortem>>());

  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    setChanges(null);
    setDiffError(null);
    const get = (n: string) => {
      let version = fetched.current.get(n);
      if (!version) {
        version = must(
          api.GET("/api/v1/postmortems/{id}/versions/{n}", {
            params: { path: { id, n: Number(n) } },
          }),
        ) as Promise<Postmortem>;
        version.catch(() => fetched.current.delete(n)); // a failed fetch is tried again
        fetched.current.set(n, version);
      }
      return version;
    };
    Promise.all([get(from), get(to)])
      .then(([a, b]) => live && setChanges(diffLines(versionText(a), versionText(b))))
      .catch((e) => live && setDiffError(e));
    return () => {
      live = false;
    };
  }, [id, from, to]);

  const options = versions.map((v) => ({
    value: String(v.version),
    label: `Version ${v.version} · ${v.editor} · ${formatTime(v.created_at)}`,
  }));
  const changed = changes?.some((c) => c.added || c.removed);

  return (
    <>
      <Title order={2} size="h3">
        Compare two versions
      </Title>
      <Group wrap="wrap" align="flex-end">
        <Select className="version-select" label="From version" data={options} value={from} onChange={setFrom} allowDeselect={false} />
        <Select className="version-select" label="To version" data={options} value={to} onChange={setTo} allowDeselect={false} />
      </Group>
      <ErrorNote error={diffError} title="Could not compare" />
      {!changes && !diffError && <Loading what="the difference" />}
      {changes && !changed && <Text c="dimmed">These two versions hold the same text.</Text>}
      {changes && changed && (
        <pre className="diff" aria-label={`Changes from version ${from} to version ${to}`} data-testid="diff">
          {changes.flatMap((c, i) =>
            c.value
              .replace(/\n$/, "")
              .split("\n")
              .map((line, j) => {
                const k = `${i}-${j}`;
                if (c.added) return <ins key={k}>{line}</ins>;
                if (c.removed) return <del key={k}>{line}</del>;
                return <span key={k}>{line}</span>;
              }),
          )}
        </pre>
      )}
    </>
  );
}
