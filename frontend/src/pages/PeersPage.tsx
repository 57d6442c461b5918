// Every known instance with its delivery status (admins): what waits to be sent to it, when it
// last worked and last failed, the next retry; "retry now", and block or unblock.
import { Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, must, type PeerStatus } from "../api/client";
import { ErrorNote, formatDuration, formatTime, Loading, StateBadge, Outcome } from "../components/Status";
import { useAction } from "../lib/useAction";
import { useLoad } from "../lib/useLoad";

export function PeersPage() {
  const { data: peers, error, reload } = useLoad(
    async () => (await must(api.GET("/api/v1/peers"))).items ?? [],
    [],
  );
  const action = useAction();
  const [blockUrl, setBlockUrl] = useState("");

  async function block(url: string, name: string) {
    if (!window.confirm(`Block ${name}? Its subscriptions either way end and its lessons leave the feed.`))
      return false;
    const done = await action.run(
      `block-${url}`,
      () => must(api.POST("/api/v1/peers/block", { body: { peer_url: url } })),
      (r) => `${name} is blocked; ${r.deliveries_dropped ?? 0} queued deliveries dropped.`,
    );
    if (done) await reload();
    return !!done;
  }

  async function unblock(url: string, name: string) {
    const done = await action.run(
      `unblock-${url}`,
      () => must(api.POST("/api/v1/peers/unblock", { body: { peer_url: url } })),
      `${name} is unblocked. Ended subscriptions stay ended.`,
    );
    if (done) await reload();
  }

  async function retry(url: string, name: string) {
    const done = await action.run(
      `retry-${url}`,
      () => must(api.POST("/api/v1/peers/retry", { body: { peer_url: url } })),
      (r) => `${r.rescheduled ?? 0} deliveries to ${name} are sent again now.`,
    );
    if (done) await reload();
  }

  async function blockOther(e: FormEvent) {
    e.preventDefault();
    const url = blockUrl.trim();
    if (url && (await block(url, url))) setBlockUrl("");
  }

  const row = (p: PeerStatus) => {
    const url = p.peer_url ?? "";
    const name = p.peer_name || url;
    return (
      <Table.Tr key={url}>
        <Table.Td>
          <Text fw={600} className="cell-text">
            {name}
          </Text>
          <Text size="sm" c="dimmed" className="cell-text">
            {url}
          </Text>
          {p.blocked && <StateBadge state="blocked" />}
        </Table.Td>
        <Table.Td>
          {p.queued ?? 0}
          {(p.dead ?? 0) > 0 && (
            <Text size="sm" c="red">
              {p.dead} given up
            </Text>
          )}
          {p.oldest_queued_seconds != null && (
            <Text size="sm" c="dimmed">
              oldest {formatDuration(p.oldest_queued_seconds)}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {formatTime(p.last_success_at)}
          <Text size="sm" c="dimmed">
            {p.delivered ?? 0} delivered
          </Text>
        </Table.Td>
        <Table.Td>
          {p.last_error ? (
            <>
              <Text size="sm" c="red" className="cell-text">
                {p.last_error}
              </Text>
              <Text size="sm" c="dimmed">
                {formatTime(p.last_error_at)} · {p.failures ?? 0} failures
              </Text>
            </>
          ) : (
            "—"
          )}
        </Table.Td>
        <Table.Td>{formatTime(p.next_attempt_at)}</Table.Td>
        <Table.Td>
          <Group gap={4} wrap="wrap">
            <Button
              size="xs"
              variant="default"
              disabled={p.blocked || ((p.queued ?? 0) === 0 && (p.dead ?? 0) === 0)}
              loading={action.busy === `retry-${url}`}
              onClick={() => void retry(url, name)}
              aria-label={`Retry now ${name}`}
            >
              Retry now
            </Button>
            {p.blocked ? (
              <Button
                size="xs"
                variant="light"
                loading={action.busy === `unblock-${url}`}
                onClick={() => void unblock(url, name)}
                aria-label={`Unblock ${name}`}
              >
                Unblock
              </Button>
            ) : (
              <Button
                size="xs"
                color="red"
                variant="light"
                loading={action.busy === `block-${url}`}
                onClick={() => void block(url, name)}
                aria-label={`Block ${name}`}
              >
                Block
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
    );
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Peers</Title>
        <Button variant="default" onClick={() => void reload()}>
          Refresh
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Every instance this one knows, with the deliveries of shared lessons to it.
      </Text>
      <Outcome action={action} />
      <ErrorNote error={error} title="Could not load the peers" />
      {!peers && !error && <Loading what="peers" />}
      {peers && peers.length === 0 && <Text c="dimmed">No peers yet.</Text>}
      {peers && peers.length > 0 && (
        <div className="table-scroll">
          <Table striped aria-label="Peers and deliveries" className="wide-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Instance</Table.Th>
                <Table.Th>Queued</Table.Th>
                <Table.Th>Last success</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>Next retry</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{peers.map(row)}</Table.Tbody>
          </Table>
        </div>
      )}
      <form onSubmit={blockOther} aria-label="Block another instance">
        <div className="filters">
          <TextInput
            className="grow"
            label="Block an instance not listed"
            placeholder="https://host"
            value={blockUrl}
            onChange={(e) => setBlockUrl(e.currentTarget.value)}
          />
          <Button type="submit" color="red" variant="light" loading={action.busy === `block-${blockUrl.trim()}`}>
            Block
          </Button>
        </div>
      </form>
    </Stack>
  );
}
