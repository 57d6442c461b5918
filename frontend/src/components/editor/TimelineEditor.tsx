// Timeline entries, fast from the keyboard: Enter in an entry's text adds the next entry below
// (same time, ready to adjust), Alt+Up and Alt+Down move the entry, and buttons do the same.
import { ActionIcon, Text, TextInput } from "@mantine/core";
import { useEffect, useRef, type KeyboardEvent } from "react";
import {
  fromLocalInput,
  moveRow,
  rowKey,
  toLocalInput,
  type TimelineRow,
} from "../../lib/postmortemForm";
import { patchRow, RowList } from "./RowList";

interface Props {
  rows: TimelineRow[];
  defaultTime: string;
  onChange: (rows: TimelineRow[]) => void;
}

export function TimelineEditor({ rows, defaultTime, onChange }: Props) {
  const textRefs = useRef(new Map<string, HTMLInputElement>());
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (focusNext.current) {
      textRefs.current.get(focusNext.current)?.focus();
      focusNext.current = null;
    }
  });

  function update(index: number, patch: Partial<TimelineRow>) {
    onChange(patchRow(rows, index, patch));
  }

  function add(after: number) {
    const previous = rows[after];
    const row: TimelineRow = {
      key: rowKey(),
      at: previous?.at || defaultTime || new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      kind: "",
      text: "",
    };
    const next = rows.slice();
    next.splice(after + 1, 0, row);
    focusNext.current = row.key;
    onChange(next);
  }

  function move(index: number, delta: number) {
    focusNext.current = rows[index].key;
    onChange(moveRow(rows, index, delta));
  }

  function remove(index: number) {
    focusNext.current = rows[index + 1]?.key ?? rows[index - 1]?.key ?? null;
    onChange(rows.filter((_, i) => i !== index));
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>, index: number) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add(index);
    } else if (e.altKey && e.key === "ArrowUp") {
      e.preventDefault();
      move(index, -1);
    } else if (e.altKey && e.key === "ArrowDown") {
      e.preventDefault();
      move(index, 1);
    }
  }

  return (
    <RowList
      id="timeline"
      title="Timeline"
      listLabel="Timeline entries"
      help={
        <Text size="sm" c="dimmed" id="timeline-help">
          Times in UTC. In an entry's text, Enter adds the next entry; Alt+↑ and Alt+↓ move it.
        </Text>
      }
      rows={rows}
      noun="entry"
      addLabel="Add timeline entry"
      onAdd={() => add(rows.length - 1)}
      onRemove={remove}
      fields={(row, i) => (
        <>
          <TextInput
            type="datetime-local"
            label={`Entry ${i + 1} time (UTC)`}
            value={toLocalInput(row.at)}
            onChange={(e) => update(i, { at: fromLocalInput(e.currentTarget.value) })}
          />
          <TextInput
            label={`Entry ${i + 1} text`}
            value={row.text}
            ref={(el) => {
              if (el) textRefs.current.set(row.key, el);
              else textRefs.current.delete(row.key);
            }}
            onChange={(e) => update(i, { text: e.currentTarget.value })}
            onKeyDown={(e) => onKey(e, i)}
            aria-describedby="timeline-help"
            maxLength={10000}
          />
        </>
      )}
      buttons={(_, i) => (
        <>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={`Move entry ${i + 1} up`}
            disabled={i === 0}
            onClick={() => move(i, -1)}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={`Move entry ${i + 1} down`}
            disabled={i === rows.length - 1}
            onClick={() => move(i, 1)}
          >
            ↓
          </ActionIcon>
        </>
      )}
    />
  );
}
