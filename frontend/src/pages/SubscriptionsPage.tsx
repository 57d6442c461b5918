// This instance's subscriptions to other instances (admins): add one by its URL, after seeing
// the name its discovery document gives; follow their states; cancel.
import { Alert, Button, Group, Stack, TagsInput, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, must, type Subscription } from "../api/client";
import { ErrorNote, Loading, Outcome } from "../components/Status";
import { SubscriptionTable } from "../components/SubscriptionTable";
import { useAction } from "../lib/useAction";
import { useLoad } from "../lib/useLoad";

type Preview = { peer_url?: string; name?: string; keys?: number };

export function SubscriptionsPage() {
  const { data: items, error, reload } = useLoad(
    async () => (await must(api.GET("/api/v1/subscriptions"))).items ?? [],
    [],
  );
  const action = useAction();
  const [url, setUrl] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [topics, setTopics] = useState<string[]>([]);
  const [message, setMessage] = useState("");

  async function lookUp(e: FormEvent) {
    e.preventDefault();
    setPreview(null);
    const found = await action.run("preview", () =>
      must(api.GET("/api/v1/peers/preview", { params: { query: { url: url.trim() } } })),
    );
    if (found) setPreview(found);
  }

  async function subscribe() {
    if (!preview?.peer_url) return;
    const made = await action.run(
      "subscribe",
      () =>
        must(
          api.POST("/api/v1/subscriptions", {
            body: { peer_url: preview.peer_url!, topics, message: message.trim() || null },
          }),
        ),
      (s) =>
        s.state === "accepted"
          ? `Subscribed to ${s.peer_name ?? preview.name}: accepted at once.`
          : `Asked ${s.peer_name ?? preview.name}; its admins decide whether to accept.`,
    );
    if (made) {
      setPreview(null);
      setUrl("");
      setTopics([]);
      setMessage("");
      await reload();
    }
  }

  async function cancel(s: Subscription) {
    const name = s.peer_name || s.peer_url;
    if (!window.confirm(`Cancel the subscription to ${name}? The lessons received from it lose their content.`))
      return;
    const done = await action.run(
      `cancel-${s.id}`,
      () => must(api.DELETE("/api/v1/subscriptions/{id}", { params: { path: { id: s.id } } })),
      `Subscription to ${name} cancelled.`,
    );
    if (done) await reload();
  }

  return (
    <Stack>
      <Title order={1}>Subscriptions</Title>
      <Text size="sm" c="dimmed">
        Instances whose shared lessons this one receives into the peer feed.
      </Text>
      <form onSubmit={lookUp} aria-label="Subscribe to an instance">
        <div className="filters">
          <TextInput
            className="grow"
            label="Instance URL"
            placeholder="https://hindsight.example.org"
            required
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setPreview(null);
            }}
          />
          <Button type="submit" loading={action.busy === "preview"}>
            Look up
          </Button>
        </div>
      </form>
      {preview && (
        <Alert color="blue" title="Is this the instance you mean?" role="status">
          <Stack gap="xs">
            <Text>
              <Text component="span" fw={700} data-testid="peer-name">
                {preview.name}
              </Text>{" "}
              at {preview.peer_url} ({preview.keys} signing key{preview.keys === 1 ? "" : "s"})
            </Text>
            <TagsInput
              label="Topics"
              description="Receive only lessons with these tags; none: everything"
              value={topics}
              onChange={setTopics}
              maxTags={100}
            />
            <Textarea
              label="Message to its admins"
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={1}
            />
            <Group>
              <Button onClick={() => void subscribe()} loading={action.busy === "subscribe"}>
                Subscribe to {preview.name}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)}>
                Not this one
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Outcome action={action} />
      <ErrorNote error={error} title="Could not load the subscriptions" />
      {!items && !error && <Loading what="subscriptions" />}
      {items && items.length === 0 && <Text c="dimmed">No subscriptions yet.</Text>}
      {items && items.length > 0 && (
        <SubscriptionTable
          items={items}
          label="Our subscriptions"
          showPull
          actions={(s) =>
            (s.state === "pending" || s.state === "accepted") && (
              <Button
                size="xs"
                color="red"
                variant="light"
                loading={action.busy === `cancel-${s.id}`}
                onClick={() => void cancel(s)}
                aria-label={`Cancel subscription to ${s.peer_name || s.peer_url}`}
              >
                Cancel
              </Button>
            )
          }
        />
      )}
    </Stack>
  );
}
