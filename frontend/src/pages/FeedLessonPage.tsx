// One received lesson: its fields as the peer sent them (Markdown rendered safely), this
// instance's notes on it, "could this happen here?" (a local action item that follows from it),
// and hiding it from the feed (reviewers).
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { api, must, type LessonFields, type ReceivedLesson } from "../api/client";
import { FactorsSection, TimelineSection } from "../components/IncidentSections";
import { Markdown, MarkdownSections } from "../components/Markdown";
import {
  ErrorNote,
  formatTime,
  Loading,
  SeverityBadge,
  StateBadge,
  TagList,
  Outcome,
} from "../components/Status";
import { TEXT_FIELDS } from "../lib/postmortemForm";
import { useAction } from "../lib/useAction";
import { useLoad } from "../lib/useLoad";
import { hasRole, useSession } from "../session";

// "PT1H6M" as "1 h 6 min"; anything else as it came.
function isoDuration(d: string | null | undefined): string {
  if (!d) return "—";
  const m = d.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/);
  if (!m) return d;
  const parts = [
    m[1] && `${m[1]} d`,
    m[2] && `${m[2]} h`,
    m[3] && `${m[3]} min`,
    m[4] && !m[2] && !m[1] && `${m[4]} s`,
  ].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 min";
}

function LessonBody({ fields }: { fields: LessonFields }) {
  const d = fields.durations;
  return (
    <>
      <Paper withBorder p="md" component="section" aria-label="Facts">
        <div className="table-scroll">
          <Table aria-label="Facts of the incident">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Time to detect / mitigate / resolve</Table.Th>
                <Table.Td>
                  {isoDuration(d?.time_to_detect)} / {isoDuration(d?.time_to_mitigate)} /{" "}
                  {isoDuration(d?.time_to_resolve)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Services</Table.Th>
                <Table.Td>{(fields.services ?? []).join(", ") || "—"}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </div>
      </Paper>
      <MarkdownSections values={fields} fields={TEXT_FIELDS.slice(0, 3)} />
      <TimelineSection
        entries={(fields.timeline ?? []).map((t) => ({
          when: t.offset ? `+${isoDuration(t.offset)}` : "—",
          text: t.text,
        }))}
      />
      <FactorsSection factors={fields.contributing_factors ?? []} />
      <MarkdownSections values={fields} fields={TEXT_FIELDS.slice(3)} />
      {(fields.action_items ?? []).length > 0 && (
        <section aria-label="Their action items">
          <Title order={2} size="h3">
            Their action items
          </Title>
          <ul>
            {(fields.action_items ?? []).map((a, i) => (
              <li key={i}>
                {a.text}
                {a.status ? <Text c="dimmed" component="span"> ({a.status})</Text> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function FeedLessonPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const { data: lesson, error, setData, reload } = useLoad(
    () => must(api.GET("/api/v1/feed/{id}", { params: { path: { id } } })),
    [id],
  );
  const action = useAction();
  const [note, setNote] = useState("");
  const [item, setItem] = useState({ text: "", owner: "", due: "" });

  async function addNote(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) return;
    const done = await action.run(
      "note",
      () => must(api.POST("/api/v1/feed/{id}/notes", { params: { path: { id } }, body: { text: note } })),
      "Note added.",
    );
    if (done) {
      setNote("");
      await reload();
    }
  }

  async function addItem(e: FormEvent) {
    e.preventDefault();
    if (!item.text.trim()) return;
    const done = await action.run(
      "item",
      () =>
        must(
          api.POST("/api/v1/feed/{id}/action-items", {
            params: { path: { id } },
            body: {
              text: item.text.trim(),
              owner: item.owner.trim() || null,
              due: item.due || null,
            },
          }),
        ),
      "Action item created. It is listed with the others under Action items here and in every owner's list.",
    );
    if (done) {
      setItem({ text: "", owner: "", due: "" });
      await reload();
    }
  }

  async function setHidden(hide: boolean) {
    const path = hide ? "/api/v1/feed/{id}/hide" : "/api/v1/feed/{id}/unhide";
    const next = await action.run(
      "hide",
      () => must(api.POST(path, { params: { path: { id } } })),
      hide ? "Hidden: members no longer see it in the feed." : "Shown in the feed again.",
    );
    if (next) setData({ ...(lesson as ReceivedLesson), ...next });
  }

  if (error) return <ErrorNote error={error} title="Could not open the lesson" />;
  if (!lesson) return <Loading what="the lesson" />;

  const fields = (lesson.fields ?? {}) as LessonFields;
  const reviewer = hasRole(me, "reviewer");

  return (
    <Stack>
      <Anchor component={Link} to="/feed" size="sm">
        ← Peer feed
      </Anchor>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <SeverityBadge severity={lesson.severity} />
          {lesson.retracted && <StateBadge state="retracted" />}
          {lesson.hidden && <StateBadge state="hidden" />}
          <Text size="sm" c="dimmed" className="clip-line">
            From {lesson.peer_name || lesson.origin} ({lesson.origin}) · version {lesson.version} ·
            published {formatTime(lesson.published_at)} · received {formatTime(lesson.received_at)}
          </Text>
        </Group>
        <Title order={1} className="pm-title" data-testid="feed-title">
          {lesson.title}
        </Title>
        <TagList tags={lesson.tags} />
      </Stack>

      <Outcome action={action} />
      {lesson.retracted && (
        <Alert color="gray" title="Retracted">
          The publisher retracted this lesson; its content is gone.
        </Alert>
      )}
      {lesson.hidden && (
        <Alert color="gray" title="Hidden from the feed">
          Hidden by {lesson.hidden_by ?? "a reviewer"} {formatTime(lesson.hidden_at)}.
        </Alert>
      )}
      {reviewer && (
        <Group>
          <Button
            variant="default"
            loading={action.busy === "hide"}
            onClick={() => void setHidden(!lesson.hidden)}
          >
            {lesson.hidden ? "Show in the feed again" : "Hide from the feed"}
          </Button>
        </Group>
      )}

      <LessonBody fields={fields} />

      <Paper withBorder p="md" component="section" aria-labelledby="here-title">
        <Stack gap="xs">
          <Title order={2} size="h3" id="here-title">
            Could this happen here?
          </Title>
          {(lesson.action_items ?? []).length > 0 ? (
            <div className="table-scroll">
              <Table striped aria-label="Our action items from this lesson">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(lesson.action_items ?? []).map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{a.text}</Table.Td>
                      <Table.Td>{a.owner ?? "—"}</Table.Td>
                      <Table.Td>{a.due ?? "—"}</Table.Td>
                      <Table.Td>{a.status}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          ) : (
            <Text size="sm" c="dimmed">
              No action item follows from this lesson yet.
            </Text>
          )}
          <form onSubmit={addItem} aria-label="New action item from this lesson">
            <div className="filters">
              <TextInput
                className="grow"
                label="What we will do"
                required
                value={item.text}
                maxLength={10000}
                onChange={(e) => setItem({ ...item, text: e.currentTarget.value })}
              />
              <TextInput
                label="Owner (username)"
                value={item.owner}
                maxLength={63}
                onChange={(e) => setItem({ ...item, owner: e.currentTarget.value })}
              />
              <TextInput
                label="Due"
                type="date"
                value={item.due}
                onChange={(e) => setItem({ ...item, due: e.currentTarget.value })}
              />
              <Button type="submit" loading={action.busy === "item"}>
                Create action item
              </Button>
            </div>
          </form>
        </Stack>
      </Paper>

      <section aria-labelledby="notes-title">
        <Stack gap="xs">
          <Title order={2} size="h3" id="notes-title">
            Our notes
          </Title>
          <Text size="sm" c="dimmed">
            Notes stay on this instance; the publisher never sees them.
          </Text>
          {(lesson.notes ?? []).length === 0 && (
            <Text size="sm" c="dimmed">
              No notes yet.
            </Text>
          )}
          {(lesson.notes ?? []).map((n) => (
            <article key={n.id} className="comment" aria-label={`Note by ${n.author}`}>
              <Text size="sm" c="dimmed">
                {n.author} · {formatTime(n.created_at)}
              </Text>
              <Markdown text={n.text} />
            </article>
          ))}
          <form onSubmit={addNote}>
            <Stack gap="xs">
              <Textarea
                label="Add a note"
                description="Markdown"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={10000}
                autosize
                minRows={2}
              />
              <Group>
                <Button type="submit" loading={action.busy === "note"}>
                  Add note
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </section>
    </Stack>
  );
}
