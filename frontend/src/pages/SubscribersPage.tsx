// Other instances' subscriptions to this one (admins): requests to accept or reject, and
// accepted subscribers to revoke.
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { api, must, type Subscription } from "../api/client";
import { ErrorNote, Loading, Outcome } from "../components/Status";
import { SubscriptionTable } from "../components/SubscriptionTable";
import { useAction } from "../lib/useAction";
import { useLoad } from "../lib/useLoad";

type Verb = "accept" | "reject" | "revoke";
const DONE: Record<Verb, string> = { accept: "accepted", reject: "rejected", revoke: "revoked" };

export function SubscribersPage() {
  const { data: items, error, reload } = useLoad(
    async () => (await must(api.GET("/api/v1/subscribers"))).items ?? [],
    [],
  );
  const action = useAction();

  async function decide(s: Subscription, verb: Verb) {
    const name = s.peer_name || s.peer_url;
    if (verb === "revoke" && !window.confirm(`Revoke ${name}'s subscription? It deletes what it holds of ours.`))
      return;
    const path = `/api/v1/subscribers/{id}/${verb}` as const;
    const done = await action.run(
      `${verb}-${s.id}`,
      () => must(api.POST(path, { params: { path: { id: s.id } } })),
      `${name}: ${DONE[verb]}.`,
    );
    if (done) await reload();
  }

  const button = (s: Subscription, verb: Verb, label: string, color?: string) => (
    <Button
      size="xs"
      variant={verb === "accept" ? "filled" : "light"}
      color={color}
      loading={action.busy === `${verb}-${s.id}`}
      onClick={() => void decide(s, verb)}
      aria-label={`${label} ${s.peer_name || s.peer_url}`}
    >
      {label}
    </Button>
  );

  return (
    <Stack>
      <Title order={1}>Subscribers</Title>
      <Text size="sm" c="dimmed">
        Instances that receive the lessons this one shares. A request waits for an admin here.
      </Text>
      <Outcome action={action} />
      <ErrorNote error={error} title="Could not load the subscribers" />
      {!items && !error && <Loading what="subscribers" />}
      {items && items.length === 0 && <Text c="dimmed">No instance has asked to subscribe.</Text>}
      {items && items.length > 0 && (
        <SubscriptionTable
          items={items}
          label="Subscribers and requests"
          actions={(s) => (
            <Group gap={4} wrap="wrap">
              {s.state === "pending" && button(s, "accept", "Accept", "green")}
              {s.state === "pending" && button(s, "reject", "Reject", "red")}
              {s.state === "accepted" && button(s, "revoke", "Revoke", "red")}
            </Group>
          )}
        />
      )}
    </Stack>
  );
}
