// Version history: every saved version, and the difference between any two of them.
import { Anchor, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { diffLines, type Change } from "diff";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, must, type Postmortem } from "../api/client";
import { ErrorNote, formatTime, Loading, statusName } from "../components/Status";
import { versionText } from "../lib/versionText";

interface VersionItem {
  version?: number;
  status?: string;
  editor?: string;
  created_at?: string;
}

export function PostmortemHistoryPage() {
  const { id = "" } = useParams();
  const [versions, setVersions] = useState<VersionItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [diffError, setDiffError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    must(api.GET("/api/v1/postmortems/{id}/versions", { params: { path: { id } } }))
      .then((data) => {
        if (!live) return;
        const items = data.items ?? [];
        setVersions(items);
        const last = items[items.length - 1]?.version;
        const before = items[items.length - 2]?.version ?? last;
        if (last) {
          setFrom(String(before));
          setTo(String(last));
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    setChanges(null);
    setDiffError(null);
    const get = (n: string) =>
      must(
        api.GET("/api/v1/postmortems/{id}/versions/{n}", {
          params: { path: { id, n: Number(n) } },
        }),
      ) as Promise<Postmortem>;
    Promise.all([get(from), get(to)])
      .then(([a, b]) => live && setChanges(diffLines(versionText(a), versionText(b))))
      .catch((e) => live && setDiffError(e));
    return () => {
      live = false;
    };
  }, [id, from, to]);

  if (error) return <ErrorNote error={error} title="Could not load the versions" />;
  if (!versions) return <Loading what="the versions" />;

  const options = versions.map((v) => ({
    value: String(v.version),
    label: `Version ${v.version} · ${v.editor} · ${formatTime(v.created_at)}`,
  }));
  const changed = changes?.some((c) => c.added || c.removed);

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
    </Stack>
  );
}
