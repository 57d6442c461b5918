// Contributing factors: each a category of the fixed taxonomy plus free text.
import { ActionIcon, Button, Group, Select, Stack, TextInput, Title } from "@mantine/core";
import { CATEGORIES } from "../../api/client";
import { rowKey, type FactorRow } from "../../lib/postmortemForm";

export const categoryLabel = (c: string) => c.replace(/_/g, " ");

export function FactorsEditor({
  rows,
  onChange,
}: {
  rows: FactorRow[];
  onChange: (rows: FactorRow[]) => void;
}) {
  const update = (index: number, patch: Partial<FactorRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" component="section" aria-labelledby="factors-title">
      <Title order={2} size="h3" id="factors-title">
        Contributing factors
      </Title>
      <ol className="plain-list" aria-label="Contributing factors">
        {rows.map((row, i) => (
          <li key={row.key} className="row-editor">
            <Select
              label={`Factor ${i + 1} category`}
              data={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
              value={row.category}
              allowDeselect={false}
              onChange={(v) => v && update(i, { category: v as FactorRow["category"] })}
            />
            <TextInput
              label={`Factor ${i + 1} description`}
              value={row.text}
              onChange={(e) => update(i, { text: e.currentTarget.value })}
              maxLength={10000}
            />
            <div className="row-buttons">
              <ActionIcon
                variant="light"
                color="red"
                size="lg"
                aria-label={`Remove factor ${i + 1}`}
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
          onClick={() => onChange([...rows, { key: rowKey(), category: "unknown", text: "" }])}
        >
          Add contributing factor
        </Button>
      </Group>
    </Stack>
  );
}
