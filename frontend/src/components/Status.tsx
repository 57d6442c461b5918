// Loading, error and empty states shared by every page.
import { Alert, Badge, Group, Loader, Text } from "@mantine/core";
import { describe } from "../api/client";

export function Loading({ what }: { what: string }) {
  return (
    <Group gap="xs" p="md" role="status" aria-live="polite">
      <Loader size="sm" />
      <Text>Loading {what}…</Text>
    </Group>
  );
}

export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title ?? "Something went wrong"} role="alert">
      {describe(error)}
    </Alert>
  );
}

// What the last action did: its notice, or why the server refused it.
export function Outcome({
  action,
  errorTitle = "That did not work",
}: {
  action: { notice: string | null; error: unknown };
  errorTitle?: string;
}) {
  return (
    <>
      {action.notice && (
        <Alert color="green" role="status">
          {action.notice}
        </Alert>
      )}
      <ErrorNote error={action.error} title={errorTitle} />
    </>
  );
}

const STATUS_COLORS: Record<string, string> = {
  draft: "gray",
  in_review: "yellow",
  published: "green",
};
const STATUS_NAMES: Record<string, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
};

export function StatusBadge({ status }: { status?: string }) {
  if (!status) return null;
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light">
      {STATUS_NAMES[status] ?? status}
    </Badge>
  );
}

const SEVERITY_COLORS: Record<string, string> = {
  SEV1: "red",
  SEV2: "orange",
  SEV3: "yellow",
  SEV4: "blue",
};

export function SeverityBadge({ severity }: { severity?: string }) {
  if (!severity) return null;
  return (
    <Badge color={SEVERITY_COLORS[severity] ?? "gray"} variant="filled">
      {severity}
    </Badge>
  );
}

export function statusName(status: string): string {
  return STATUS_NAMES[status] ?? status;
}

export const categoryLabel = (c: string) => c.replace(/_/g, " ");

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

// Seconds as hours and minutes (days past two days), "—" when unknown.
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (h >= 48) return `${Math.floor(h / 24)} d ${h % 24} h`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

const STATE_COLORS: Record<string, string> = {
  pending: "yellow",
  accepted: "green",
  rejected: "red",
  revoked: "red",
  cancelled: "gray",
  blocked: "red",
  disabled: "gray",
  hidden: "gray",
  retracted: "gray",
};

// The state of a subscription, peer or account, in words and colour.
export function StateBadge({ state }: { state: string }) {
  return (
    <Badge color={STATE_COLORS[state] ?? "blue"} variant="light" className="state-badge">
      {state}
    </Badge>
  );
}

// A list of tags that wraps, however many and however long.
export function TagList({ tags, label = "Tags" }: { tags?: string[]; label?: string }) {
  if (!tags || tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={label}>
      {tags.map((t, i) => (
        <li key={`${i}-${t}`}>
          <Badge variant="outline" className="tag" title={t}>
            {t}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
