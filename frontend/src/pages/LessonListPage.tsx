// Lessons drafted from published postmortems (reviewers): drafts to review, approved, retracted.
import { Anchor, Badge, Group, Select, Stack, Text, Title } from "@mantine/core";
import { Link, useSearchParams } from "react-router-dom";
import { api, must } from "../api/client";
import { ErrorNote, formatTime, Loading, SeverityBadge } from "../components/Status";
import { useLoad } from "../lib/useLoad";

type Item = { id?: string; title?: string; status?: string; severity?: string; updated_at?: string };

export function LessonListPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "";
  const { data: items, error } = useLoad(async (): Promise<Item[]> => {
    const query = status ? { status: status as "draft" | "approved" | "retracted" } : {};
    return (await must(api.GET("/api/v1/lessons", { params: { query } }))).items ?? [];
  }, [status]);

  return (
    <Stack>
      <Title order={1}>Lessons to share</Title>
      <Text size="sm" c="dimmed">
        A lesson is drafted from a published postmortem with “Share as lesson” on its page.
      </Text>
      <Select
        label="Status"
        placeholder="Any"
        clearable
        data={["draft", "approved", "retracted"]}
        value={status || null}
        onChange={(v) => setParams(v ? { status: v } : {})}
        className="narrow-select"
      />
      <ErrorNote error={error} title="Could not load the lessons" />
      {!items && !error && <Loading what="lessons" />}
      {items && items.length === 0 && <Text c="dimmed">No lessons here.</Text>}
      {items && items.length > 0 && (
        <ul className="pm-list" aria-label="Lessons">
          {items.map((l) => (
            <li key={l.id}>
              <Group gap="xs" wrap="wrap">
                <SeverityBadge severity={l.severity} />
                <Badge variant="light">{l.status}</Badge>
                <Anchor component={Link} to={`/lessons/${l.id}`} className="pm-title">
                  {l.title}
                </Anchor>
              </Group>
              <Text size="sm" c="dimmed">
                Changed {formatTime(l.updated_at)}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
