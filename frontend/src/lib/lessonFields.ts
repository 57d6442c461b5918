// The texts of a lesson by path ("summary", "timeline[2].text", "services[0]"), in the order a
// reader meets them, for the original postmortem version and for the anonymized lesson.
export type Json = unknown;

export function atPath(root: Json, path: string): string | undefined {
  let node: Json = root;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== "object") return undefined;
    node = /^\d+$/.test(part) ? (node as Json[])[Number(part)] : (node as Record<string, Json>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

const SCALARS_BEFORE = ["title"];
const LISTS = ["services", "tags"];
const ORDER: [string, string | null][] = [
  ["summary", null],
  ["impact", null],
  ["timeline", "text"],
  ["trigger", null],
  ["contributing_factors", "text"],
  ["detection", null],
  ["resolution", null],
  ["went_well", null],
  ["went_poorly", null],
  ["lucky", null],
  ["action_items", "text"],
  ["lessons_learned", null],
];

export function lessonPaths(original: Record<string, Json>): string[] {
  const paths: string[] = [...SCALARS_BEFORE];
  for (const list of LISTS) {
    const items = original[list];
    if (Array.isArray(items)) items.forEach((_, i) => paths.push(`${list}[${i}]`));
  }
  for (const [key, sub] of ORDER) {
    const value = original[key];
    if (sub === null) paths.push(key);
    else if (Array.isArray(value)) value.forEach((_, i) => paths.push(`${key}[${i}].${sub}`));
  }
  return paths.filter((p) => (atPath(original, p) ?? "").length > 0);
}

export function pathLabel(path: string): string {
  const m = path.match(/^([a-z_]+)(?:\[(\d+)\])?/);
  if (!m) return path;
  const name = m[1].replace(/_/g, " ");
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return m[2] !== undefined ? `${label} ${Number(m[2]) + 1}` : label;
}
