// Subscriptions as a table, for both directions: this instance's to peers, and peers' to it.
// The page adds its own buttons to each row.
import { Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { Subscription } from "../api/client";
import { formatTime, StateBadge, TagList } from "./Status";

export function SubscriptionTable({
  items,
  label,
  showPull,
  actions,
}: {
  items: Subscription[];
  label: string;
  showPull?: boolean; // outgoing subscriptions: the last pull and its error
  actions: (s: Subscription) => ReactNode;
}) {
  return (
    <div className="table-scroll">
      <Table striped aria-label={label} className="wide-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Instance</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Topics</Table.Th>
            <Table.Th>Since</Table.Th>
            {showPull && <Table.Th>Last pull</Table.Th>}
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Text fw={600} className="cell-text">
                  {s.peer_name || s.peer_url}
                </Text>
                <Text size="sm" c="dimmed" className="cell-text">
                  {s.peer_url}
                </Text>
                {s.message && (
                  <Text size="sm" className="cell-text">
                    “{s.message}”
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StateBadge state={s.state} />
                {s.peer_blocked && <StateBadge state="blocked" />}
              </Table.Td>
              <Table.Td>
                {s.topics.length ? <TagList tags={s.topics} label="Topics" /> : "everything"}
              </Table.Td>
              <Table.Td>{formatTime(s.accepted_at ?? s.created_at)}</Table.Td>
              {showPull && (
                <Table.Td>
                  {formatTime(s.last_pull_at)}
                  {s.last_pull_error && (
                    <Text size="sm" c="red" className="cell-text">
                      {s.last_pull_error}
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td>{actions(s)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
