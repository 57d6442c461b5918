// The frame every list editor of the template shares: a titled section, one list item per row
// with its remove button (after any buttons of the editor's own), and a button that adds a row.
import { ActionIcon, Button, Group, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface Props<Row extends { key: string }> {
  id: string; // the section's title is `${id}-title`
  title: string;
  help?: ReactNode;
  listLabel?: string; // the list's name, when not the title
  rows: Row[];
  noun: string; // "entry": the remove buttons say "Remove entry 2"
  itemClassName?: string;
  addLabel: string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  fields: (row: Row, index: number) => ReactNode;
  buttons?: (row: Row, index: number) => ReactNode;
}

export function RowList<Row extends { key: string }>(props: Props<Row>) {
  const { id, title, rows, noun } = props;
  return (
    <Stack gap="xs" component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h3" id={`${id}-title`}>
        {title}
      </Title>
      {props.help}
      <ol className="plain-list" aria-label={props.listLabel ?? title}>
        {rows.map((row, i) => (
          <li key={row.key} className={props.itemClassName ?? "row-editor"}>
            {props.fields(row, i)}
            <div className="row-buttons">
              {props.buttons?.(row, i)}
              <ActionIcon
                variant="light"
                color="red"
                size="lg"
                aria-label={`Remove ${noun} ${i + 1}`}
                onClick={() => props.onRemove(i)}
              >
                ×
              </ActionIcon>
            </div>
          </li>
        ))}
      </ol>
      <Group>
        <Button variant="light" onClick={props.onAdd}>
          {props.addLabel}
        </Button>
      </Group>
    </Stack>
  );
}

// `rows` with row `index` changed by `patch`.
export function patchRow<Row>(rows: Row[], index: number, patch: Partial<Row>): Row[] {
  return rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
}
