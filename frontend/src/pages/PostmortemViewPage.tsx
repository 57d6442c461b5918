// One postmortem as readers and reviewers see it: the whole template rendered, the workflow
// (submit for review, publish, send back), comments, export, and links to edit and history.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, must } from "../api/client";
import { MarkdownSections } from "../components/Markdown";
import {
  ErrorNote,
  formatDuration,
  formatTime,
  Loading,
  SeverityBadge,
  StatusBadge,
} from "../components/Status";
import { Comments } from "../components/Comments";
import { FactorsSection, TimelineSection } from "../components/IncidentSections";
import { TEXT_FIELDS, TIME_FIELDS } from "../lib/postmortemForm";
import { useLoad } from "../lib/useLoad";
import { hasRole, useSession } from "../session";

const MOVED = {
  in_review: "Submitted for review.",
  published: "Published.",
  draft: "Sent back to draft.",
} as const;

export function PostmortemViewPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const {
    data: pm,
    error,
    setData: setPm,
  } = useLoad(() => must(api.GET("/api/v1/postmortems/{id}", { params: { path: { id } } })), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const [askReason, setAskReason] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function move(status: keyof typeof MOVED, why?: string) {
    setActionError(null);
    setNotice(null);
    setBusy(true);
    try {
      const next = await must(
        api.POST("/api/v1/postmortems/{id}/status", {
          params: { path: { id } },
          body: why ? { status, reason: why } : { status },
        }),
      );
      setPm(next);
      setAskReason(false);
      setReason("");
      setNotice(MOVED[status]);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  async function share() {
    setActionError(null);
    setBusy(true);
    try {
      const lesson = await must(
        api.POST("/api/v1/postmortems/{id}/lesson", { params: { path: { id } } }),
      );
      navigate(`/lessons/${lesson.id}`);
    } catch (e) {
      setActionError(e);
      setBusy(false);
    }
  }

  function sendBack(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setActionError(new Error("Say why it goes back to draft."));
      return;
    }
    void move("draft", reason.trim());
  }

  if (error) return <ErrorNote error={error} title="Could not open the postmortem" />;
  if (!pm) return <Loading what="the postmortem" />;

  const reviewer = hasRole(me, "reviewer");
  const canEdit = pm.status !== "published" || reviewer;
  const exportUrl = (format: string) =>
    `/api/v1/postmortems/${encodeURIComponent(id)}/export?format=${format}`;

  return (
    <Stack>
      <Stack gap={4}>
        <Group gap="xs">
          <SeverityBadge severity={pm.severity} />
          <StatusBadge status={pm.status} />
          <Text size="sm" c="dimmed">
            Version {pm.version} · filed by {pm.created_by} · last saved by {pm.updated_by}{" "}
            {formatTime(pm.updated_at)}
          </Text>
        </Group>
        <Title order={1} className="pm-title" data-testid="pm-title">
          {pm.title}
        </Title>
      </Stack>

      <nav aria-label="This postmortem">
        <Group gap="xs" wrap="wrap">
          {canEdit && (
            <Button component={Link} to={`/postmortems/${id}/edit`}>
              Edit
            </Button>
          )}
          <Button component={Link} to={`/postmortems/${id}/history`} variant="default">
            Version history
          </Button>
          <Button component="a" href={exportUrl("markdown")} download variant="default">
            Export Markdown
          </Button>
          <Button component="a" href={exportUrl("json")} download variant="default">
            Export JSON
          </Button>
        </Group>
      </nav>

      <Paper withBorder p="md" component="section" aria-label="Review">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Review
          </Title>
          {notice && (
            <Alert color="green" role="status">
              {notice}
            </Alert>
          )}
          <ErrorNote error={actionError} title="That did not work" />
          <Group gap="xs" wrap="wrap">
            {pm.status === "draft" && (
              <Button onClick={() => void move("in_review")} loading={busy}>
                Submit for review
              </Button>
            )}
            {pm.status === "in_review" && reviewer && (
              <Button color="green" onClick={() => void move("published")} loading={busy}>
                Publish
              </Button>
            )}
            {pm.status === "in_review" && (
              <Button variant="default" onClick={() => setAskReason(true)}>
                Send back to draft
              </Button>
            )}
            {pm.status === "in_review" && !reviewer && (
              <Text size="sm" c="dimmed">
                Waiting for a reviewer to publish it.
              </Text>
            )}
            {pm.status === "published" && (
              <Text size="sm">Published {formatTime(pm.published_at)}.</Text>
            )}
            {pm.status === "published" && reviewer && (
              <Button variant="light" onClick={() => void share()} loading={busy}>
                Share as lesson
              </Button>
            )}
          </Group>
          {askReason && (
            <form onSubmit={sendBack}>
              <Stack gap="xs">
                <Textarea
                  label="Why does it go back to draft?"
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  maxLength={2000}
                  autosize
                  minRows={2}
                  autoFocus
                />
                <Group>
                  <Button type="submit" loading={busy}>
                    Send back
                  </Button>
                  <Button variant="default" onClick={() => setAskReason(false)}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-label="Facts">
        <div className="table-scroll">
          <Table aria-label="When it happened">
            <Table.Tbody>
              {TIME_FIELDS.map(([key, label]) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td>{formatTime(pm[key])}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">Time to detect / mitigate / resolve</Table.Th>
                <Table.Td>
                  {formatDuration(pm.durations?.time_to_detect_seconds)} /{" "}
                  {formatDuration(pm.durations?.time_to_mitigate_seconds)} /{" "}
                  {formatDuration(pm.durations?.time_to_resolve_seconds)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Services</Table.Th>
                <Table.Td>{(pm.services ?? []).join(", ") || "—"}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Tags</Table.Th>
                <Table.Td>{(pm.tags ?? []).join(", ") || "—"}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </div>
      </Paper>

      <MarkdownSections values={pm} fields={TEXT_FIELDS.slice(0, 3)} />

      <TimelineSection
        entries={(pm.timeline ?? []).map((t) => ({ when: formatTime(t.at), text: t.text }))}
      />

      <FactorsSection factors={pm.contributing_factors ?? []} />

      <MarkdownSections values={pm} fields={TEXT_FIELDS.slice(3)} />

      {(pm.action_items ?? []).length > 0 && (
        <section aria-label="Action items">
          <Title order={2} size="h3">
            Action items
          </Title>
          <div className="table-scroll">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(pm.action_items ?? []).map((a, i) => (
                  <Table.Tr key={a.id ?? i}>
                    <Table.Td>{a.text}</Table.Td>
                    <Table.Td>{a.owner ?? "—"}</Table.Td>
                    <Table.Td>{a.due ?? "—"}</Table.Td>
                    <Table.Td>{(a.status ?? "open").replace("_", " ")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </section>
      )}

      <Comments postmortemId={id} />
      <Anchor component={Link} to="/postmortems">
        Back to the postmortems
      </Anchor>
    </Stack>
  );
}
