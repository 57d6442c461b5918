// The editor's model of a postmortem: every template field, with list rows keyed for React,
// and the conversions from the API's document and back to the body of a PUT.
import type { Postmortem, PostmortemInput } from "../api/client";

export const TEXT_FIELDS = [
  ["summary", "Summary"],
  ["impact", "Customer impact"],
  ["trigger", "Trigger"],
  ["detection", "Detection"],
  ["resolution", "Response and resolution"],
  ["went_well", "What went well"],
  ["went_poorly", "What went poorly"],
  ["lucky", "Where we got lucky"],
  ["lessons_learned", "Lessons learned"],
] as const;
export type TextField = (typeof TEXT_FIELDS)[number][0];

export const TIME_FIELDS = [
  ["started_at", "Started"],
  ["detected_at", "Detected"],
  ["mitigated_at", "Mitigated"],
  ["resolved_at", "Resolved"],
] as const;
export type TimeField = (typeof TIME_FIELDS)[number][0];

type Category = NonNullable<PostmortemInput["contributing_factors"]>[number]["category"];
type ItemStatus = NonNullable<PostmortemInput["action_items"]>[number]["status"];

export interface TimelineRow {
  key: string;
  at: string;
  kind: string;
  text: string;
}
export interface FactorRow {
  key: string;
  category: Category;
  text: string;
}
export interface ActionRow {
  key: string;
  id?: string | null;
  text: string;
  owner: string;
  due: string;
  status?: ItemStatus;
  external_link?: string | null;
}

export type Form = {
  title: string;
  severity: PostmortemInput["severity"];
  services: string[];
  tags: string[];
  timeline: TimelineRow[];
  contributing_factors: FactorRow[];
  action_items: ActionRow[];
} & Record<TextField, string> &
  Record<TimeField, string>;

let counter = 0;
export function rowKey(): string {
  counter += 1;
  return `r${Date.now().toString(36)}${counter}`;
}

export function toForm(pm: Postmortem): Form {
  const form = {
    title: pm.title ?? "",
    severity: pm.severity ?? "SEV3",
    services: pm.services ?? [],
    tags: pm.tags ?? [],
    timeline: (pm.timeline ?? []).map((t) => ({
      key: rowKey(),
      at: t.at ?? "",
      kind: t.kind ?? "",
      text: t.text ?? "",
    })),
    contributing_factors: (pm.contributing_factors ?? []).map((f) => ({
      key: rowKey(),
      category: f.category,
      text: f.text ?? "",
    })),
    action_items: (pm.action_items ?? []).map((a) => ({
      key: rowKey(),
      id: a.id ?? null,
      text: a.text ?? "",
      owner: a.owner ?? "",
      due: a.due ?? "",
      status: a.status,
      external_link: a.external_link ?? null,
    })),
  } as Form;
  for (const [f] of TEXT_FIELDS) form[f] = (pm[f] as string | null | undefined) ?? "";
  for (const [f] of TIME_FIELDS) form[f] = (pm[f] as string | null | undefined) ?? "";
  return form;
}

const orNull = (s: string) => (s.trim() === "" ? null : s);

// Rows left entirely empty are dropped rather than refused, so a half-added row never blocks a
// save; a row with some content goes to the server, which names what is wrong with it.
export function toInput(form: Form): PostmortemInput {
  const input: PostmortemInput = {
    title: form.title,
    severity: form.severity,
    services: form.services,
    tags: form.tags,
    timeline: form.timeline
      .filter((t) => t.text.trim() || t.at)
      .map((t) => ({ at: t.at, text: t.text, kind: orNull(t.kind) })),
    contributing_factors: form.contributing_factors.map((f) => ({
      category: f.category,
      text: orNull(f.text),
    })),
    action_items: form.action_items
      .filter((a) => a.text.trim() || a.owner.trim() || a.due)
      .map((a) => {
        const item: NonNullable<PostmortemInput["action_items"]>[number] = {
          text: a.text,
          owner: orNull(a.owner.trim()),
          due: orNull(a.due),
        };
        if (a.id) item.id = a.id;
        if (a.status) item.status = a.status;
        if (a.external_link) item.external_link = a.external_link;
        return item;
      }),
  };
  for (const [f] of TEXT_FIELDS) input[f] = orNull(form[f]);
  for (const [f] of TIME_FIELDS) input[f] = orNull(form[f]);
  return input;
}

// Comparable text of a form, without the React keys.
export function fingerprint(form: Form): string {
  return JSON.stringify(toInput(form));
}

// <input type="datetime-local"> holds "YYYY-MM-DDTHH:MM"; the editor reads and writes UTC.
export function toLocalInput(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return d.toISOString().slice(0, 16);
}
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const d = new Date(`${value}:00Z`);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().replace(".000Z", "Z");
}

export function moveRow<T>(rows: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= rows.length) return rows;
  const next = rows.slice();
  const [row] = next.splice(index, 1);
  next.splice(to, 0, row);
  return next;
}
