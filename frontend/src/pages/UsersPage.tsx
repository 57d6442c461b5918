// Users and roles (admins): create an account, change its role, disable or enable it. Disabling
// ends the person's sessions and tokens at once.
import {
  Button,
  Group,
  NativeSelect,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, must, ROLES, type Role } from "../api/client";
import { ErrorNote, formatTime, Loading, StateBadge, Outcome } from "../components/Status";
import { useAction } from "../lib/useAction";
import { useLoad } from "../lib/useLoad";
import { useSession } from "../session";

const EMPTY = { username: "", display_name: "", email: "", role: "member" as Role, password: "" };

export function UsersPage() {
  const { me } = useSession();
  const { data: users, error, reload } = useLoad(
    async () => (await must(api.GET("/api/v1/users"))).items ?? [],
    [],
  );
  const action = useAction();
  const [form, setForm] = useState(EMPTY);

  async function create(e: FormEvent) {
    e.preventDefault();
    const made = await action.run(
      "create",
      () =>
        must(
          api.POST("/api/v1/users", {
            body: {
              username: form.username.trim(),
              role: form.role,
              display_name: form.display_name.trim() || null,
              email: form.email.trim() || null,
              password: form.password,
            },
          }),
        ),
      (u) => `User ${u.username} created as ${u.role}.`,
    );
    if (made) {
      setForm(EMPTY);
      await reload();
    }
  }

  async function change(username: string, body: { role?: Role; disabled?: boolean }, done: string) {
    if (body.disabled && !window.confirm(`Disable ${username}? Their sessions and tokens stop at once.`))
      return;
    const changed = await action.run(
      `change-${username}`,
      () => must(api.PATCH("/api/v1/users/{username}", { params: { path: { username } }, body })),
      done,
    );
    if (changed) await reload();
  }

  return (
    <Stack>
      <Title order={1}>Users</Title>
      <form onSubmit={create} aria-label="New user">
        <Stack gap="xs">
          <Title order={2} size="h3">
            New user
          </Title>
          <div className="field-grid">
            <TextInput
              label="Username"
              description="Lower case letters, digits, . _ -"
              required
              maxLength={63}
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
            />
            <TextInput
              label="Display name"
              maxLength={200}
              value={form.display_name}
              onChange={(e) => setForm({ ...form, display_name: e.currentTarget.value })}
            />
            <TextInput
              label="Email"
              type="email"
              maxLength={320}
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            <Select
              label="Role"
              data={[...ROLES]}
              allowDeselect={false}
              value={form.role}
              onChange={(v) => setForm({ ...form, role: (v ?? "member") as Role })}
            />
            <PasswordInput
              label="Initial password"
              description="At least 12 characters"
              required
              minLength={12}
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
          </div>
          <Group>
            <Button type="submit" loading={action.busy === "create"}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
      <Outcome action={action} />
      <ErrorNote error={error} title="Could not load the users" />
      {!users && !error && <Loading what="users" />}
      {users && (
        <div className="table-scroll">
          <Table striped aria-label="Users" className="wide-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => {
                const name = u.username ?? "";
                const self = name === me?.username;
                return (
                  <Table.Tr key={name}>
                    <Table.Td>
                      <Text fw={600} className="cell-text">
                        {u.display_name}
                      </Text>
                      <Text size="sm" c="dimmed" className="cell-text">
                        {name}
                      </Text>
                      {u.disabled && <StateBadge state="disabled" />}
                    </Table.Td>
                    <Table.Td className="cell-text">{u.email ?? "—"}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Role of ${name}`}
                        data={[...ROLES]}
                        value={u.role}
                        disabled={action.busy === `change-${name}`}
                        onChange={(e) => {
                          const role = e.currentTarget.value as Role;
                          void change(name, { role }, `${name} is now ${role}.`);
                        }}
                      />
                    </Table.Td>
                    <Table.Td>{formatTime(u.created_at)}</Table.Td>
                    <Table.Td>
                      {u.disabled ? (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => void change(name, { disabled: false }, `${name} is enabled.`)}
                          aria-label={`Enable ${name}`}
                        >
                          Enable
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          disabled={self}
                          title={self ? "You cannot disable yourself" : undefined}
                          onClick={() => void change(name, { disabled: true }, `${name} is disabled.`)}
                          aria-label={`Disable ${name}`}
                        >
                          Disable
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
