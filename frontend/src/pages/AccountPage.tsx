// My account: who I am, and my API tokens (create, see when each was last used, revoke).
import { Alert, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, must, type Token } from "../api/client";
import { ErrorNote, formatTime, Loading } from "../components/Status";
import { useLoad } from "../lib/useLoad";
import { useSession } from "../session";

export function AccountPage() {
  const { me } = useSession();
  const {
    data: tokens,
    error: loadError,
    reload: load,
  } = useLoad(async () => (await must(api.GET("/api/v1/tokens"))).items ?? [], []);
  const [actionError, setActionError] = useState<unknown>(null);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    setActionError(null);
    setBusy(true);
    try {
      const label = name.trim();
      const t = await must(api.POST("/api/v1/tokens", { body: { name: label || null } }));
      setCreated({ name: t.name ?? label, token: t.token ?? "" });
      setName("");
      await load();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(t: Token) {
    if (!t.id) return;
    if (!window.confirm(`Revoke the token "${t.name || t.id}"? Scripts using it stop working at once.`))
      return;
    setActionError(null);
    try {
      await must(api.DELETE("/api/v1/tokens/{id}", { params: { path: { id: t.id } } }));
      await load();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <Stack>
      <Title order={1}>My account</Title>
      {me && (
        <Paper withBorder p="md">
          <dl>
            <dt>
              <Text fw={600}>Username</Text>
            </dt>
            <dd>{me.username}</dd>
            <dt>
              <Text fw={600}>Name</Text>
            </dt>
            <dd>{me.display_name}</dd>
            <dt>
              <Text fw={600}>Role</Text>
            </dt>
            <dd>{me.role}</dd>
          </dl>
        </Paper>
      )}

      <Title order={2}>API tokens</Title>
      <Text size="sm">
        Scripts use a token in an <Code>Authorization: Bearer</Code> header. It acts as you.
      </Text>
      <form onSubmit={create}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Name of the new token"
            description="What uses it, such as a CI job"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
          />
          <Button type="submit" loading={busy}>
            Create token
          </Button>
        </Group>
      </form>
      {created && (
        <Alert color="green" title={`Token "${created.name}" created`} role="status">
          <Text size="sm">Copy it now: it is not shown again.</Text>
          <Text className="token-value" data-testid="new-token">
            {created.token}
          </Text>
        </Alert>
      )}
      <ErrorNote error={actionError} />
      <ErrorNote error={loadError} title="Could not load your tokens" />
      {!tokens && !loadError && <Loading what="your tokens" />}
      {tokens && tokens.length === 0 && <Text c="dimmed">You have no API tokens.</Text>}
      {tokens && tokens.length > 0 && (
        <div className="table-scroll">
          <Table striped aria-label="Your API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name || <Text c="dimmed">(no name)</Text>}</Table.Td>
                  <Table.Td>{formatTime(t.created_at)}</Table.Td>
                  <Table.Td>{t.last_used_at ? formatTime(t.last_used_at) : "never"}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => void revoke(t)}
                      aria-label={`Revoke token ${t.name || t.id}`}
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
