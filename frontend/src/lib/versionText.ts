// A postmortem version as plain text, one fact per line, so two versions compare line by line.
import type { Postmortem } from "../api/client";
import { TEXT_FIELDS, TIME_FIELDS } from "./postmortemForm";

export function versionText(pm: Postmortem): string {
  const out: string[] = [];
  out.push(`Title: ${pm.title ?? ""}`);
  out.push(`Severity: ${pm.severity ?? ""}`);
  out.push(`Status: ${pm.status ?? ""}`);
  for (const [key, label] of TIME_FIELDS) out.push(`${label}: ${pm[key] ?? ""}`);
  out.push(`Services: ${(pm.services ?? []).join(", ")}`);
  out.push(`Tags: ${(pm.tags ?? []).join(", ")}`);
  for (const [key, label] of TEXT_FIELDS.slice(0, 3)) section(out, label, pm[key]);
  out.push("", "## Timeline");
  for (const t of pm.timeline ?? []) out.push(`- ${t.at} ${t.text}`);
  out.push("", "## Contributing factors");
  for (const f of pm.contributing_factors ?? []) out.push(`- ${f.category}: ${f.text ?? ""}`);
  for (const [key, label] of TEXT_FIELDS.slice(3)) section(out, label, pm[key]);
  out.push("", "## Action items");
  for (const a of pm.action_items ?? [])
    out.push(`- ${a.text} (owner: ${a.owner ?? "none"}, due: ${a.due ?? "none"}, ${a.status ?? "open"})`);
  return out.join("\n") + "\n";
}

function section(out: string[], label: string, text: string | null | undefined) {
  out.push("", `## ${label}`);
  if (text) out.push(...text.split("\n"));
}
