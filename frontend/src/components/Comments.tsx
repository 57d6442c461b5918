// Comments on a postmortem, threaded one level, in Markdown.
import { Button, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, must } from "../api/client";
import { useLoad } from "../lib/useLoad";
import { Markdown } from "./Markdown";
import { ErrorNote, formatTime, Loading } from "./Status";

interface CommentItem {
  id?: string;
  author?: string;
  body?: string;
  created_at?: string;
  replies?: CommentItem[];
}

function CommentView({ c }: { c: CommentItem }) {
  return (
    <article className="comment" aria-label={`Comment by ${c.author}`}>
      <Text size="sm" fw={600}>
        {c.author}{" "}
        <Text span size="xs" c="dimmed">
          {formatTime(c.created_at)}
        </Text>
      </Text>
      <Markdown text={c.body} />
      {c.replies && c.replies.length > 0 && (
        <div className="replies">
          {c.replies.map((r) => (
            <CommentView key={r.id} c={r} />
          ))}
        </div>
      )}
    </article>
  );
}

export function Comments({ postmortemId }: { postmortemId: string }) {
  const {
    data: items,
    error,
    reload: load,
  } = useLoad(async () => {
    const data = await must(
      api.GET("/api/v1/postmortems/{id}/comments", { params: { path: { id: postmortemId } } }),
    );
    return (data.items ?? []) as CommentItem[];
  }, [postmortemId]);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [postError, setPostError] = useState<unknown>(null);

  async function post(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setPostError(null);
    try {
      await must(
        api.POST("/api/v1/postmortems/{id}/comments", {
          params: { path: { id: postmortemId } },
          body: { body },
        }),
      );
      setBody("");
      await load();
    } catch (err) {
      setPostError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="comments-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="comments-title">
          Comments
        </Title>
        <ErrorNote error={error} title="Could not load the comments" />
        {!items && !error && <Loading what="comments" />}
        {items && items.length === 0 && <Text c="dimmed">No comments yet.</Text>}
        {items?.map((c) => <CommentView key={c.id} c={c} />)}
        <form onSubmit={post}>
          <Stack gap="xs">
            <Textarea
              label="Add a comment"
              description="Markdown"
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={10000}
            />
            <ErrorNote error={postError} title="Could not post the comment" />
            <div>
              <Button type="submit" loading={busy} disabled={!body.trim()}>
                Post comment
              </Button>
            </div>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
