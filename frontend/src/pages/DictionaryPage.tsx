// The org dictionary the anonymizer uses: names, terms, customers and domains it always redacts,
// terms it leaves alone, and patterns of the org's own identifiers. Reviewers read it; admins add
// and remove entries, each change stored as a new version (If-Match: a concurrent edit is
// refused, and the page shows the fresh copy).
import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, ApiFailure, must, FINDING_TYPES } from "../api/client";
import { ErrorNote, formatTime, Loading, Outcome } from "../components/Status";
import { useAction } from "../lib/useAction";
import { useLoad } from "../lib/useLoad";
import { hasRole, useSession } from "../session";
import type { paths } from "../api/schema";

type Stored = paths["/api/v1/dictionary"]["get"]["responses"][200]["content"]["application/json"];
type Dict = NonNullable<Stored["dictionary"]>;
type ListKey = "org_names" | "terms" | "customers" | "internal_domains" | "allowed_terms";
type PatternType = NonNullable<
  paths["/api/v1/dictionary"]["put"]["requestBody"]["content"]["application/json"]["dictionary"]["patterns"]
>[number]["type"];

const LISTS: [ListKey, string, string][] = [
  ["org_names", "Organization names", "Our own names, redacted as ORG"],
  ["terms", "Internal terms", "Project and system names, redacted as ORG"],
  ["customers", "Customers", "Redacted as CUSTOMER"],
  ["internal_domains", "Internal domains", "Hosts under them are redacted"],
  ["allowed_terms", "Allowed terms", "Never redacted, whatever a detector says"],
];
const TYPES = [...FINDING_TYPES];

function TermList({
  list,
  title,
  help,
  terms,
  editable,
  busy,
  onAdd,
  onRemove,
}: {
  list: ListKey;
  title: string;
  help: string;
  terms: string[];
  editable: boolean;
  busy: boolean;
  onAdd: (term: string) => Promise<boolean>;
  onRemove: (term: string) => void;
}) {
  const [term, setTerm] = useState("");
  async function add(e: FormEvent) {
    e.preventDefault();
    if (term.trim() && (await onAdd(term.trim()))) setTerm("");
  }
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`${list}-title`}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={`${list}-title`}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {help}
        </Text>
        {terms.length === 0 ? (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        ) : (
          <ul className="term-list" aria-label={title}>
            {terms.map((t) => (
              <li key={t}>
                <span className="term">{t}</span>
                {editable && (
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    disabled={busy}
                    aria-label={`Remove ${t} from ${title}`}
                    onClick={() => onRemove(t)}
                  >
                    ×
                  </ActionIcon>
                )}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <form onSubmit={add}>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                className="grow-input"
                label={`New entry in ${title.toLowerCase()}`}
                maxLength={1000}
                value={term}
                onChange={(e) => setTerm(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy} aria-label={`Add to ${title.toLowerCase()}`}>
                Add
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

export function DictionaryPage() {
  const { me } = useSession();
  const admin = hasRole(me, "admin");
  const { data, error, setData } = useLoad(() => must(api.GET("/api/v1/dictionary")), []);
  const action = useAction();
  const [pattern, setPattern] = useState({ name: "", type: "ACCOUNT_ID" as PatternType, regex: "" });

  // Stores the dictionary changed by `edit`; on a concurrent change, shows the fresh copy.
  async function save(edit: (d: Dict) => Dict, done: string): Promise<boolean> {
    if (!data) return false;
    const next = edit(data.dictionary ?? {});
    const stored = await action.run(
      "save",
      () =>
        must(
          api.PUT("/api/v1/dictionary", {
            params: { header: { "If-Match": `"${data.version}"` } },
            body: {
              dictionary: {
                ...next,
                patterns: (next.patterns ?? []).map((p) => ({
                  name: p.name || null,
                  type: p.type as PatternType,
                  regex: p.regex,
                })),
              },
            },
          }),
        ),
      done,
    );
    if (stored) {
      setData(stored);
      return true;
    }
    try {
      setData(await must(api.GET("/api/v1/dictionary")));
    } catch {
      // the refusal already shown says enough
    }
    return false;
  }

  const addTerm = (list: ListKey, title: string) => (term: string) =>
    save((d) => ({ ...d, [list]: [...(d[list] ?? []).filter((t) => t !== term), term] }), `Added “${term}” to ${title.toLowerCase()}.`);
  const removeTerm = (list: ListKey, title: string) => (term: string) =>
    void save((d) => ({ ...d, [list]: (d[list] ?? []).filter((t) => t !== term) }), `Removed “${term}” from ${title.toLowerCase()}.`);

  async function addPattern(e: FormEvent) {
    e.preventDefault();
    const p = { name: pattern.name.trim(), type: pattern.type, regex: pattern.regex };
    if (!p.regex) return;
    if (await save((d) => ({ ...d, patterns: [...(d.patterns ?? []), p] }), `Pattern added.`))
      setPattern({ ...pattern, name: "", regex: "" });
  }

  if (error) return <ErrorNote error={error} title="Could not load the dictionary" />;
  if (!data) return <Loading what="the dictionary" />;
  const dict = data.dictionary ?? {};
  const busy = action.busy === "save";

  return (
    <Stack>
      <Title order={1}>Org dictionary</Title>
      <Text size="sm" c="dimmed">
        Version {data.version} · changed by {data.updated_by ?? "—"} {formatTime(data.updated_at)}.
        The anonymizer uses it on every lesson drafted after a change.
      </Text>
      <Outcome
        action={action}
        errorTitle={
          action.error instanceof ApiFailure && action.error.status === 409
            ? "Someone else changed the dictionary first; this is their version, try again"
            : undefined
        }
      />
      <div className="card-grid">
        {LISTS.map(([key, title, help]) => (
          <TermList
            key={key}
            list={key}
            title={title}
            help={help}
            terms={dict[key] ?? []}
            editable={admin}
            busy={busy}
            onAdd={addTerm(key, title)}
            onRemove={removeTerm(key, title)}
          />
        ))}
      </div>
      <Paper withBorder p="sm" component="section" aria-labelledby="patterns-title">
        <Stack gap="xs">
          <Title order={2} size="h4" id="patterns-title">
            Patterns
          </Title>
          <Text size="sm" c="dimmed">
            Regular expressions (RE2) for identifiers of our own, such as account numbers.
          </Text>
          {(dict.patterns ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              None.
            </Text>
          ) : (
            <ul className="term-list" aria-label="Patterns">
              {(dict.patterns ?? []).map((p, i) => (
                <li key={`${i}-${p.regex}`}>
                  <span className="term">
                    {p.name ? `${p.name}: ` : ""}
                    {p.type} <code>{p.regex}</code>
                  </span>
                  {admin && (
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="red"
                      disabled={busy}
                      aria-label={`Remove pattern ${p.name || p.regex}`}
                      onClick={() =>
                        void save(
                          (d) => ({ ...d, patterns: (d.patterns ?? []).filter((_, j) => j !== i) }),
                          "Pattern removed.",
                        )
                      }
                    >
                      ×
                    </ActionIcon>
                  )}
                </li>
              ))}
            </ul>
          )}
          {admin && (
            <form onSubmit={addPattern} aria-label="New pattern">
              <div className="filters">
                <TextInput
                  label="Pattern name"
                  maxLength={200}
                  value={pattern.name}
                  onChange={(e) => setPattern({ ...pattern, name: e.currentTarget.value })}
                />
                <Select
                  label="Finding type"
                  data={TYPES}
                  allowDeselect={false}
                  value={pattern.type}
                  onChange={(v) => setPattern({ ...pattern, type: (v ?? "ACCOUNT_ID") as PatternType })}
                />
                <TextInput
                  className="grow"
                  label="Regular expression"
                  required
                  maxLength={1000}
                  value={pattern.regex}
                  onChange={(e) => setPattern({ ...pattern, regex: e.currentTarget.value })}
                />
                <Button type="submit" loading={busy}>
                  Add pattern
                </Button>
              </div>
            </form>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
