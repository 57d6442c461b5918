// Filing starts with a title and a severity; the editor takes it from there.
import { Button, Paper, Select, Stack, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, must, SEVERITIES } from "../api/client";
import { ErrorNote } from "../components/Status";

export function NewPostmortemPage() {
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<string>("SEV3");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!title.trim()) {
      setError(new Error("Give the postmortem a title."));
      return;
    }
    setBusy(true);
    try {
      const pm = await must(
        api.POST("/api/v1/postmortems", {
          body: { title: title.trim(), severity: severity as (typeof SEVERITIES)[number] },
        }),
      );
      navigate(`/postmortems/${pm.id}/edit`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg" className="narrow">
      <form onSubmit={create} noValidate>
        <Stack>
          <Title order={1} size="h2">
            New postmortem
          </Title>
          <ErrorNote error={error} title="Could not file the postmortem" />
          <TextInput
            label="Title"
            description="What happened, in a few words"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={300}
            required
            autoFocus
          />
          <Select
            label="Severity"
            data={[...SEVERITIES]}
            value={severity}
            onChange={(v) => setSeverity(v ?? "SEV3")}
            allowDeselect={false}
            required
          />
          <Button type="submit" loading={busy}>
            Create and edit
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
