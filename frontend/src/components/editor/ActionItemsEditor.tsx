// Action items: what will be done, by whom (a username) and by when.
import { ActionIcon, Badge, Button, Group, Stack, TextInput, Title } from "@mantine/core";
import { rowKey, type ActionRow } from "../../lib/postmortemForm";

export function ActionItemsEditor({
  rows,
  onChange,
}: {
  rows: ActionRow[];
  onChange: (rows: ActionRow[]) => void;
}) {
  const update = (index: number, patch: Partial<ActionRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" component="section" aria-labelledby="actions-title">
      <Title order={2} size="h3" id="actions-title">
        Action items
      </Title>
      <ol className="plain-list" aria-label="Action items">
        {rows.map((row, i) => (
          <li key={row.key} className="row-editor action">
            <TextInput
              label={`Action ${i + 1}`}
              value={row.text}
              onChange={(e) => update(i, { text: e.currentTarget.value })}
              maxLength={10000}
              rightSection={
                row.status && row.status !== "open" ? (
                  <Badge size="xs" variant="light">
                    {row.status.replace("_", " ")}
                  </Badge>
                ) : undefined
              }
              rightSectionWidth={row.status && row.status !== "open" ? 90 : undefined}
            />
            <TextInput
              label={`Action ${i + 1} owner`}
              description="A username"
              value={row.owner}
              onChange={(e) => update(i, { owner: e.currentTarget.value })}
              maxLength={63}
              autoCapitalize="none"
            />
            <TextInput
              type="date"
              label={`Action ${i + 1} due`}
              description="Date"
              value={row.due}
              onChange={(e) => update(i, { due: e.currentTarget.value })}
            />
            <div className="row-buttons">
              <ActionIcon
                variant="light"
                color="red"
                size="lg"
                aria-label={`Remove action ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </div>
          </li>
        ))}
      </ol>
      <Group>
        <Button
          variant="light"
          onClick={() => onChange([...rows, { key: rowKey(), text: "", owner: "", due: "" }])}
        >
          Add action item
        </Button>
      </Group>
    </Stack>
  );
}
