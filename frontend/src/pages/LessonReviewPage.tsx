// Sharing a postmortem as a lesson: the original and the anonymized text side by side, every
// finding highlighted by type; click a finding to keep the original text, select text in the
// original to redact it, remove a rule, approve (refused, with the reason, while the re-scan
// still finds a secret, email, IP or MAC address), and retract later.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, ApiFailure, must, type Schemas, FINDING_TYPES } from "../api/client";
import { ErrorNote, formatTime, Loading } from "../components/Status";
import { atPath, lessonPaths, pathLabel } from "../lib/lessonFields";
import { useLoad } from "../lib/useLoad";
import { byteAtIndex, indexAtByte } from "../lib/utf8";

type Lesson = Schemas["Lesson"];
type Finding = Schemas["LessonFinding"];
type EntityType = Finding["type"];

const TYPES = [...FINDING_TYPES];

interface Selection {
  field: string;
  start: number;
  end: number;
  text: string;
}

function anonymizedAt(lesson: Lesson, path: string): string {
  if (path.startsWith("tags[")) return atPath({ tags: lesson.tags ?? [] }, path) ?? "";
  return atPath(lesson.fields, path) ?? "";
}

// The original text with its findings as buttons (click: keep the text, or remove the
// reviewer's own redaction).
function OriginalText({
  path,
  text,
  findings,
  onFinding,
  readOnly,
}: {
  path: string;
  text: string;
  findings: Finding[];
  onFinding: (f: Finding, original: string) => void;
  readOnly: boolean;
}) {
  const parts: JSX.Element[] = [];
  let at = 0;
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  sorted.forEach((f, i) => {
    const start = indexAtByte(text, f.start);
    const end = indexAtByte(text, f.end);
    if (start < at) return; // overlapping: the first one shown wins
    if (start > at) parts.push(<span key={`t${i}`}>{text.slice(at, start)}</span>);
    const original = text.slice(start, end);
    const action = f.source === "reviewer" ? "remove this redaction" : "keep this text";
    parts.push(
      <button
        key={`f${i}`}
        type="button"
        className={`finding finding-${f.type}`}
        data-type={f.type}
        aria-label={`${f.type} ${original}: ${action}`}
        title={`${f.type} → ${f.placeholder} (click: ${action})`}
        disabled={readOnly}
        onClick={() => onFinding(f, original)}
      >
        {original}
      </button>,
    );
    at = end;
  });
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>);
  return (
    <div className="lesson-text" data-field={path}>
      {parts}
    </div>
  );
}

function AnonymizedText({ text }: { text: string }) {
  const parts = text.split(/(\[[A-Z_]+-\d+\])/g);
  return (
    <div className="lesson-text">
      {parts.map((p, i) => {
        const m = p.match(/^\[([A-Z_]+)-\d+\]$/);
        return m ? (
          <mark key={i} className={`placeholder finding-${m[1]}`}>
            {p}
          </mark>
        ) : (
          <span key={i}>{p}</span>
        );
      })}
    </div>
  );
}

// Where the current text selection lies inside one field's original text, in bytes.
function selectionInOriginal(): Selection | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const start = (range.startContainer.parentElement ?? null)?.closest<HTMLElement>("[data-field]");
  const end = (range.endContainer.parentElement ?? null)?.closest<HTMLElement>("[data-field]");
  if (!start || start !== end) return null;
  const before = document.createRange();
  before.setStart(start, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const from = before.toString().length;
  const selected = range.toString();
  const full = start.textContent ?? "";
  if (!selected.trim()) return null;
  return {
    field: start.dataset.field ?? "",
    start: byteAtIndex(full, from),
    end: byteAtIndex(full, from + selected.length),
    text: selected,
  };
}

export function LessonReviewPage() {
  const { id = "" } = useParams();
  const {
    data: lesson,
    error,
    setData: setLesson,
  } = useLoad(() => must(api.GET("/api/v1/lessons/{id}", { params: { path: { id } } })), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [blocking, setBlocking] = useState<{ field: string; type: string }[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [redactType, setRedactType] = useState<EntityType>("PERSON");

  // Each field's findings, grouped once per answer rather than on every render (a selection
  // change renders the page again).
  const findingsOf = useMemo(() => {
    const by = new Map<string, Finding[]>();
    for (const f of lesson?.findings ?? []) {
      const list = by.get(f.field);
      if (list) list.push(f);
      else by.set(f.field, [f]);
    }
    return (path: string) => by.get(path) ?? [];
  }, [lesson]);

  useEffect(() => {
    const onSelect = () => {
      const s = selectionInOriginal();
      if (s) setSelection(s);
    };
    document.addEventListener("selectionchange", onSelect);
    return () => document.removeEventListener("selectionchange", onSelect);
  }, []);

  async function run(what: string, call: () => Promise<Lesson>) {
    setBusy(true);
    setActionError(null);
    setBlocking([]);
    setNotice(null);
    try {
      setLesson(await call());
      setNotice(what);
    } catch (e) {
      setActionError(e);
      if (e instanceof ApiFailure) {
        const b = (e.body as { blocking?: { field: string; type: string }[] } | undefined)?.blocking;
        if (b) setBlocking(b);
      }
    } finally {
      setBusy(false);
    }
  }

  function onFinding(f: Finding, original: string) {
    if (f.source === "reviewer" && f.rule_id) {
      const ruleId = f.rule_id;
      void run(`Redaction of "${original}" removed.`, () =>
        must(api.DELETE("/api/v1/lessons/{id}/rules/{rule_id}", { params: { path: { id, rule_id: ruleId } } })),
      );
    } else {
      void run(`"${original}" is kept as it is.`, () =>
        must(
          api.POST("/api/v1/lessons/{id}/keeps", {
            params: { path: { id } },
            body: { field: f.field, start: f.start, end: f.end },
          }),
        ),
      );
    }
  }

  function redact() {
    if (!selection) return;
    const s = selection;
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    void run(`"${s.text}" redacted as ${redactType}.`, () =>
      must(
        api.POST("/api/v1/lessons/{id}/redactions", {
          params: { path: { id } },
          body: { field: s.field, start: s.start, end: s.end, type: redactType },
        }),
      ),
    );
  }

  async function approve() {
    if (!lesson) return;
    const ifMatch = `"${lesson.revision}"`;
    await run("Approved: the lesson is queued for delivery to subscribers.", () =>
      must(
        api.POST("/api/v1/lessons/{id}/approve", {
          params: { path: { id }, header: { "If-Match": ifMatch } },
        }),
      ),
    );
  }

  if (error) return <ErrorNote error={error} title="Could not open the lesson" />;
  if (!lesson) return <Loading what="the lesson" />;

  const original = (lesson.original ?? {}) as Record<string, unknown>;
  const paths = lessonPaths(original);
  const draft = lesson.status === "draft";
  const rules = lesson.rules ?? [];

  return (
    <Stack>
      <Stack gap={4}>
        <Group gap="xs">
          <Badge variant="light" color={draft ? "gray" : lesson.status === "approved" ? "green" : "red"}>
            {lesson.status}
          </Badge>
          <Text size="sm" c="dimmed">
            From postmortem version {lesson.source_version} · revision {lesson.revision}
            {lesson.approved_by ? ` · approved by ${lesson.approved_by} ${formatTime(lesson.approved_at)}` : ""}
          </Text>
        </Group>
        <Title order={1} size="h2">
          Share as lesson: {anonymizedAt(lesson, "title")}
        </Title>
        {lesson.postmortem_id && (
          <Anchor component={Link} to={`/postmortems/${lesson.postmortem_id}`}>
            The postmortem
          </Anchor>
        )}
      </Stack>

      <Paper withBorder p="md" className="lesson-actions">
        <Stack gap="xs">
          <Text size="sm" id="lesson-help">
            Click a highlighted finding in the original to keep its text. Select text in the
            original to redact it. Nothing leaves this server until the lesson is approved.
          </Text>
          <Group wrap="wrap" align="flex-end">
            <Select
              label="Redact the selection as"
              data={TYPES}
              value={redactType}
              onChange={(v) => v && setRedactType(v as EntityType)}
              allowDeselect={false}
              disabled={!draft}
            />
            <Button onClick={redact} disabled={!selection || !draft || busy}>
              {selection ? `Redact "${selection.text.slice(0, 30)}"` : "Redact selection"}
            </Button>
            {draft && (
              <Button color="green" onClick={() => void approve()} loading={busy}>
                Approve for sharing
              </Button>
            )}
            {lesson.status === "approved" && (
              <Button
                color="red"
                variant="light"
                loading={busy}
                onClick={() => {
                  if (window.confirm("Retract this lesson? Subscribers are told to delete it."))
                    void run("Retracted: subscribers are told to delete it.", () =>
                      must(api.POST("/api/v1/lessons/{id}/retract", { params: { path: { id } } })),
                    );
                }}
              >
                Retract
              </Button>
            )}
          </Group>
          {notice && (
            <Alert color="green" role="status">
              {notice}
            </Alert>
          )}
          {blocking.length === 0 && <ErrorNote error={actionError} title="Not done" />}
          {blocking.length > 0 && (
            <Alert color="red" title="Approval is blocked" role="alert">
              The final text still holds:
              <ul>
                {blocking.map((b, i) => (
                  <li key={i}>
                    {b.type} in {pathLabel(b.field)}
                  </li>
                ))}
              </ul>
              Redact it (select the text in the original) and approve again.
            </Alert>
          )}
        </Stack>
      </Paper>

      <div className="lesson-grid" aria-describedby="lesson-help">
        <Text fw={700} className="lesson-head">
          Original
        </Text>
        <Text fw={700} className="lesson-head">
          Anonymized (what peers receive)
        </Text>
        {paths.map((path) => (
          <section key={path} className="lesson-row" aria-label={pathLabel(path)}>
            <Text size="sm" fw={600} className="lesson-label">
              {pathLabel(path)}
            </Text>
            <div className="lesson-pair">
              <OriginalText
                path={path}
                text={atPath(original, path) ?? ""}
                findings={findingsOf(path)}
                onFinding={onFinding}
                readOnly={!draft || busy}
              />
              <AnonymizedText text={anonymizedAt(lesson, path)} />
            </div>
          </section>
        ))}
      </div>

      {rules.length > 0 && (
        <section aria-labelledby="rules-title">
          <Title order={2} size="h3" id="rules-title">
            Reviewer rules
          </Title>
          <div className="table-scroll">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Text</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      {r.kind === "keep_term" ? "keep" : `redact as ${r.type}`}
                      {r.field ? ` (${pathLabel(r.field)})` : ""}
                    </Table.Td>
                    <Table.Td>{r.term ?? ""}</Table.Td>
                    <Table.Td>{r.created_by}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        disabled={!draft && lesson.status !== "approved"}
                        onClick={() =>
                          r.id &&
                          void run("Rule removed.", () =>
                            must(
                              api.DELETE("/api/v1/lessons/{id}/rules/{rule_id}", {
                                params: { path: { id, rule_id: r.id! } },
                              }),
                            ),
                          )
                        }
                      >
                        Remove rule
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </section>
      )}
    </Stack>
  );
}
