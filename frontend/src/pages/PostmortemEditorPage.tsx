// The editor for the whole template, with autosave (see lib/useAutosave.ts).
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, must, SEVERITIES, type Postmortem } from "../api/client";
import { ActionItemsEditor } from "../components/editor/ActionItemsEditor";
import { FactorsEditor } from "../components/editor/FactorsEditor";
import { TimelineEditor } from "../components/editor/TimelineEditor";
import { ErrorNote, formatTime, Loading, StatusBadge } from "../components/Status";
import { clearDraft, loadDraft, type StoredDraft } from "../lib/draftStore";
import {
  fingerprint,
  fromLocalInput,
  TEXT_FIELDS,
  TIME_FIELDS,
  toForm,
  toLocalInput,
  type Form,
  type TextField,
} from "../lib/postmortemForm";
import { useAutosave, type SaveState } from "../lib/useAutosave";
import { useLoad } from "../lib/useLoad";
import { hasRole, useSession } from "../session";

export function PostmortemEditorPage() {
  const { id = "" } = useParams();
  const { data: pm, error } = useLoad(
    () => must(api.GET("/api/v1/postmortems/{id}", { params: { path: { id } } })),
    [id],
  );

  if (error) return <ErrorNote error={error} title="Could not open the postmortem" />;
  if (!pm) return <Loading what="the postmortem" />;
  return <Editor id={id} initial={pm} />;
}

function SaveStatus({ state, live }: { state: SaveState; live?: boolean }) {
  let text = "";
  if (state.kind === "saved")
    text = state.at ? `All changes saved at ${state.at.toLocaleTimeString()}` : "No changes yet";
  else if (state.kind === "unsaved") text = "Changes kept in this browser; saving to the server soon";
  else if (state.kind === "saving") text = "Saving…";
  else if (state.kind === "error") text = "Not saved to the server (kept in this browser)";
  else text = "Not saved: someone else saved first";
  return (
    <Text
      size="sm"
      c={state.kind === "error" || state.kind === "conflict" ? "red" : "dimmed"}
      className="save-state"
      role={live ? "status" : undefined}
      data-testid={live ? "save-state" : undefined}
    >
      {text}
    </Text>
  );
}

// The Markdown fields of the template, each a growing text area.
function TextAreas({
  fields,
  form,
  set,
  minRows,
}: {
  fields: readonly (typeof TEXT_FIELDS)[number][];
  form: Form;
  set: (key: TextField, value: string) => void;
  minRows: number;
}) {
  return (
    <>
      {fields.map(([key, label]) => (
        <Textarea
          key={key}
          label={label}
          description="Markdown"
          value={form[key]}
          onChange={(e) => set(key, e.currentTarget.value)}
          autosize
          minRows={minRows}
          maxRows={20}
        />
      ))}
    </>
  );
}

function Editor({ id, initial }: { id: string; initial: Postmortem }) {
  const navigate = useNavigate();
  const { me } = useSession();
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [pendingDraft, setPendingDraft] = useState<StoredDraft | null>(null);
  const [restored, setRestored] = useState(false);
  const { doc, state, save, resolve } = useAutosave(id, initial, form);

  // A draft left in this browser: restored at once when it was based on this very version,
  // offered otherwise (someone saved since).
  useEffect(() => {
    const draft = loadDraft(id);
    if (!draft || fingerprint(draft.form) === fingerprint(toForm(initial))) {
      if (draft) clearDraft(id);
      return;
    }
    if (draft.baseVersion === initial.version) {
      setForm(draft.form);
      setRestored(true);
    } else {
      setPendingDraft(draft);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function saveAndClose() {
    if (await save()) navigate(`/postmortems/${id}`);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  const published = doc.status === "published";
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Edit postmortem
          </Title>
          <Group gap="xs">
            <StatusBadge status={doc.status} />
            <Text size="sm" c="dimmed">
              Version {doc.version} · last saved by {doc.updated_by} {formatTime(doc.updated_at)}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => void save()} loading={state.kind === "saving"}>
            Save now
          </Button>
          <Button onClick={() => void saveAndClose()}>Save and close</Button>
        </Group>
      </Group>
      <SaveStatus state={state} live />
      {published && !hasRole(me, "reviewer") && (
        <Alert color="yellow" role="alert">
          This postmortem is published: only a reviewer can save changes to it.
        </Alert>
      )}
      {restored && (
        <Alert color="blue" withCloseButton onClose={() => setRestored(false)}>
          Restored changes kept in this browser that had not reached the server yet.
        </Alert>
      )}
      {pendingDraft && (
        <Alert color="yellow" title="Unsaved changes from this browser" role="alert">
          <Text size="sm">
            This browser holds changes made on version {pendingDraft.baseVersion} (
            {formatTime(pendingDraft.savedAt)}); the server now has version {initial.version}.
            Restoring them replaces the newer version when saved.
          </Text>
          <Group mt="xs">
            <Button
              size="xs"
              onClick={() => {
                setForm(pendingDraft.form);
                setPendingDraft(null);
              }}
            >
              Restore my changes
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                clearDraft(id);
                setPendingDraft(null);
              }}
            >
              Discard them
            </Button>
          </Group>
        </Alert>
      )}
      {state.kind === "conflict" && (
        <Alert color="red" title="Someone else saved first" role="alert">
          <Text size="sm">
            {state.current.updated_by} saved version {state.current.version} at{" "}
            {formatTime(state.current.updated_at)} while you were editing. Your text is kept in this
            browser and was not saved. Open the{" "}
            <Anchor component={Link} to={`/postmortems/${id}/history`} target="_blank">
              version history
            </Anchor>{" "}
            to compare.
          </Text>
          <Group mt="xs">
            <Button size="xs" color="red" onClick={() => void resolve("mine", state.current)}>
              Save mine over theirs
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                void resolve("theirs", state.current).then((f) => f && setForm(f))
              }
            >
              Discard mine and load theirs
            </Button>
          </Group>
        </Alert>
      )}
      {state.kind === "error" && <ErrorNote error={state.error} title="Could not save" />}

      <Paper withBorder p="md">
        <Stack>
          <TextInput
            label="Title"
            value={form.title}
            onChange={(e) => set("title", e.currentTarget.value)}
            maxLength={300}
            required
          />
          <div className="field-grid">
            <Select
              label="Severity"
              data={[...SEVERITIES]}
              value={form.severity}
              allowDeselect={false}
              onChange={(v) => v && set("severity", v as Form["severity"])}
            />
            {TIME_FIELDS.map(([key, label]) => (
              <TextInput
                key={key}
                type="datetime-local"
                label={`${label} (UTC)`}
                value={toLocalInput(form[key])}
                onChange={(e) => set(key, fromLocalInput(e.currentTarget.value))}
              />
            ))}
          </div>
          <div className="field-grid">
            <TagsInput
              label="Services"
              description="Enter after each"
              value={form.services}
              onChange={(v) => set("services", v)}
              maxTags={50}
              clearable
            />
            <TagsInput
              label="Tags"
              description="Enter after each"
              value={form.tags}
              onChange={(v) => set("tags", v)}
              maxTags={50}
              clearable
            />
          </div>
          <TextAreas fields={TEXT_FIELDS.slice(0, 3)} form={form} set={set} minRows={3} />
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <TimelineEditor
          rows={form.timeline}
          defaultTime={form.started_at}
          onChange={(rows) => set("timeline", rows)}
        />
      </Paper>

      <Paper withBorder p="md">
        <FactorsEditor
          rows={form.contributing_factors}
          onChange={(rows) => set("contributing_factors", rows)}
        />
      </Paper>

      <Paper withBorder p="md">
        <Stack>
          <TextAreas fields={TEXT_FIELDS.slice(3)} form={form} set={set} minRows={2} />
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <ActionItemsEditor
          rows={form.action_items}
          onChange={(rows) => set("action_items", rows)}
        />
      </Paper>

      <SaveStatus state={state} />
      <Group>
        <Button onClick={() => void saveAndClose()}>Save and close</Button>
        <Button variant="default" onClick={() => void save()}>
          Save now
        </Button>
      </Group>
    </Stack>
  );
}
