// Contributing factors: each a category of the fixed taxonomy plus free text.
import { Select, TextInput } from "@mantine/core";
import { CATEGORIES } from "../../api/client";
import { rowKey, type FactorRow } from "../../lib/postmortemForm";
import { categoryLabel } from "../Status";
import { patchRow, RowList } from "./RowList";

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }));

export function FactorsEditor({
  rows,
  onChange,
}: {
  rows: FactorRow[];
  onChange: (rows: FactorRow[]) => void;
}) {
  const update = (index: number, patch: Partial<FactorRow>) =>
    onChange(patchRow(rows, index, patch));
  return (
    <RowList
      id="factors"
      title="Contributing factors"
      rows={rows}
      noun="factor"
      addLabel="Add contributing factor"
      onAdd={() => onChange([...rows, { key: rowKey(), category: "unknown", text: "" }])}
      onRemove={(index) => onChange(rows.filter((_, j) => j !== index))}
      fields={(row, i) => (
        <>
          <Select
            label={`Factor ${i + 1} category`}
            data={CATEGORY_OPTIONS}
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
        </>
      )}
    />
  );
}
