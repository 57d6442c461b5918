// Action items: what will be done, by whom (a username) and by when.
import { Badge, TextInput } from "@mantine/core";
import { rowKey, type ActionRow } from "../../lib/postmortemForm";
import { patchRow, RowList } from "./RowList";

export function ActionItemsEditor({
  rows,
  onChange,
}: {
  rows: ActionRow[];
  onChange: (rows: ActionRow[]) => void;
}) {
  const update = (index: number, patch: Partial<ActionRow>) =>
    onChange(patchRow(rows, index, patch));
  return (
    <RowList
      id="actions"
      title="Action items"
      rows={rows}
      noun="action"
      itemClassName="row-editor action"
      addLabel="Add action item"
      onAdd={() => onChange([...rows, { key: rowKey(), text: "", owner: "", due: "" }])}
      onRemove={(index) => onChange(rows.filter((_, j) => j !== index))}
      fields={(row, i) => {
        const settled = row.status && row.status !== "open";
        return (
          <>
            <TextInput
              label={`Action ${i + 1}`}
              value={row.text}
              onChange={(e) => update(i, { text: e.currentTarget.value })}
              maxLength={10000}
              rightSection={
                settled ? (
                  <Badge size="xs" variant="light">
                    {row.status?.replace("_", " ")}
                  </Badge>
                ) : undefined
              }
              rightSectionWidth={settled ? 90 : undefined}
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
          </>
        );
      }}
    />
  );
}
