// The peer feed: lessons other organizations shared with this one, with full-text search and
// filters kept in the address (so a search can be shared), paged by the server's cursor.
import { Anchor, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { api, CATEGORIES, must, SEVERITIES, type FeedItem } from "../api/client";
import {
  categoryLabel,
  ErrorNote,
  formatTime,
  Loading,
  SeverityBadge,
  StateBadge,
  TagList,
} from "../components/Status";
import { ShowMore } from "../components/ShowMore";
import { useLoad } from "../lib/useLoad";
import { usePaged } from "../lib/usePaged";
import { useSearchFilters } from "../lib/useSearchFilters";
import { hasRole, useSession } from "../session";

// `since` and `until` are dates (YYYY-MM-DD); `hidden` is "true" for the hidden lessons.
const KEYS = ["q", "peer", "tag", "severity", "factor", "since", "until", "hidden"] as const;

// The days the form names, as the instants the API compares: `until` includes its whole day.
function dayStart(date: string, plusDays = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

export function FeedPage() {
  const { me } = useSession();
  const reviewer = hasRole(me, "reviewer");
  const { applied, form, setForm, submit, key, filtered } = useSearchFilters(KEYS);
  const { items, error, hasMore, loadingMore, more } = usePaged<FeedItem>((cursor) => {
    const query: Record<string, string | boolean> = {};
    for (const k of ["q", "peer", "tag", "severity", "factor"] as const)
      if (applied[k]) query[k] = applied[k];
    if (applied.since) query.since = dayStart(applied.since);
    if (applied.until) query.until = dayStart(applied.until, 1);
    if (applied.hidden === "true") query.hidden = true;
    if (cursor) query.cursor = cursor;
    return must(api.GET("/api/v1/feed", { params: { query: query as never } }));
  }, key);
  const set = (k: (typeof KEYS)[number]) => (v: string | null) => setForm({ ...form, [k]: v ?? "" });
  // Peers by name with their host, since a peer chooses its own name; an origin from a shared
  // address that is no longer listed stays selectable.
  const { data: peers } = useLoad(async () => (await must(api.GET("/api/v1/feed/peers"))).items, []);
  const peerOptions = (peers ?? []).map((p) => ({
    value: p.origin,
    label: p.name ? `${p.name} (${new URL(p.origin).host})` : p.origin,
  }));
  if (form.peer && !peerOptions.some((o) => o.value === form.peer))
    peerOptions.push({ value: form.peer, label: form.peer });

  return (
    <Stack>
      <Title order={1}>Peer feed</Title>
      <Text size="sm" c="dimmed">
        Anonymized lessons other organizations shared with this one. Notes and action items you add
        stay here.
      </Text>
      <form onSubmit={submit} role="search" aria-label="Search the feed">
        <div className="filters">
          <TextInput
            className="grow"
            label="Search"
            placeholder='words, "a phrase", -excluded'
            value={form.q}
            onChange={(e) => set("q")(e.currentTarget.value)}
            type="search"
          />
          <Select
            label="Peer"
            placeholder="Any"
            clearable
            searchable
            data={peerOptions}
            value={form.peer || null}
            onChange={set("peer")}
          />
          <TextInput label="Tag" value={form.tag} onChange={(e) => set("tag")(e.currentTarget.value)} />
          <Select
            label="Severity"
            placeholder="Any"
            clearable
            data={[...SEVERITIES]}
            value={form.severity || null}
            onChange={set("severity")}
          />
          <Select
            label="Contributing factor"
            placeholder="Any"
            clearable
            data={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
            value={form.factor || null}
            onChange={set("factor")}
          />
          <TextInput
            label="Published from"
            type="date"
            value={form.since}
            onChange={(e) => set("since")(e.currentTarget.value)}
          />
          <TextInput
            label="Published until"
            type="date"
            value={form.until}
            onChange={(e) => set("until")(e.currentTarget.value)}
          />
          {reviewer && (
            <Checkbox
              label="Hidden lessons only"
              checked={form.hidden === "true"}
              onChange={(e) => set("hidden")(e.currentTarget.checked ? "true" : "")}
            />
          )}
          <Button type="submit">Search</Button>
        </div>
      </form>
      <ErrorNote error={error} title="Could not load the feed" />
      {!items && !error && <Loading what="the feed" />}
      {items && items.length === 0 && (
        <Text c="dimmed">
          {filtered
            ? "No received lesson matches this search."
            : "No lessons received yet. An admin subscribes to peers under Subscriptions."}
        </Text>
      )}
      {items && items.length > 0 && (
        <ul className="pm-list" aria-label="Received lessons">
          {items.map((l) => (
            <li key={l.id}>
              <Group gap="xs" wrap="wrap">
                <SeverityBadge severity={l.severity} />
                {l.retracted && <StateBadge state="retracted" />}
                {l.hidden && <StateBadge state="hidden" />}
                <Anchor component={Link} to={`/feed/${l.id}`} className="pm-title">
                  {l.title}
                </Anchor>
              </Group>
              <Text size="sm" c="dimmed" className="clip-line">
                From {l.peer_name || l.origin} ({l.origin}) · published {formatTime(l.published_at)}
              </Text>
              {l.summary && (
                <Text size="sm" className="clamp-2">
                  {l.summary}
                </Text>
              )}
              <TagList tags={l.tags} label={`Tags of ${l.title}`} />
            </li>
          ))}
        </ul>
      )}
      <ShowMore hasMore={hasMore} loadingMore={loadingMore} more={more} />
    </Stack>
  );
}
