// The list sections a postmortem and a received lesson both show: the timeline (each entry's
// time as the page words it) and the contributing factors.
import { Text, Title } from "@mantine/core";
import { categoryLabel } from "./Status";

export function TimelineSection({ entries }: { entries: { when: string; text?: string }[] }) {
  if (entries.length === 0) return null;
  return (
    <section aria-label="Timeline">
      <Title order={2} size="h3">
        Timeline
      </Title>
      <ol className="plain-list">
        {entries.map((t, i) => (
          <li key={i}>
            <Text size="sm" fw={600} component="span">
              {t.when}
            </Text>{" "}
            <Text component="span">{t.text}</Text>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function FactorsSection({ factors }: { factors: { category?: string; text?: string | null }[] }) {
  if (factors.length === 0) return null;
  return (
    <section aria-label="Contributing factors">
      <Title order={2} size="h3">
        Contributing factors
      </Title>
      <ul>
        {factors.map((f, i) => (
          <li key={i}>
            <Text fw={600} component="span">
              {categoryLabel(f.category ?? "unknown")}
            </Text>
            {f.text ? <>: {f.text}</> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
