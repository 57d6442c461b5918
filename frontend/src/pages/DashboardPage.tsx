// The figures of this instance's postmortems as charts: incidents by severity, by contributing
// factor and by month, and the median times to detect and to resolve, for a chosen period. Each
// chart also opens as a table, for screen readers and for exact numbers.
import { Button, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent, type ReactElement } from "react";
import { useSearchParams } from "react-router-dom";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, CATEGORIES, must, SEVERITIES } from "../api/client";
import { categoryLabel, ErrorNote, formatDuration, Loading } from "../components/Status";
import { useLoad } from "../lib/useLoad";

type Row = { name: string; value: number };

const BLUE = "#1c7ed6";
const SEVERITY_FILL: Record<string, string> = {
  SEV1: "#e03131",
  SEV2: "#f76707",
  SEV3: "#f59f00",
  SEV4: "#1c7ed6",
};

function Figure({
  title,
  rows,
  unit,
  children,
}: {
  title: string;
  rows: Row[];
  unit: (v: number) => string;
  children: ReactElement;
}) {
  const id = `chart-${title.replace(/\W+/g, "-").toLowerCase()}`;
  const summary = rows.map((r) => `${r.name}: ${unit(r.value)}`).join(", ");
  return (
    <Paper withBorder p="sm" component="figure" className="chart" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} component="figcaption">
        {title}
      </Title>
      {rows.every((r) => r.value === 0) ? (
        <Text c="dimmed" size="sm">
          Nothing in this period.
        </Text>
      ) : (
        <div role="img" aria-label={`${title}: ${summary}`} className="chart-box">
          <ResponsiveContainer width="100%" height={260}>
            {children}
          </ResponsiveContainer>
        </div>
      )}
      <details>
        <summary>As a table</summary>
        <Table aria-label={title}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.name}>
                <Table.Th scope="row">{r.name}</Table.Th>
                <Table.Td>{unit(r.value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Paper>
  );
}

const count = (v: number) => String(v);

function bars(rows: Row[], opts: { vertical?: boolean; fills?: Record<string, string>; minutes?: boolean } = {}) {
  const data = rows.map((r) => ({ ...r, fill: opts.fills?.[r.name] ?? BLUE }));
  const cells = data.map((d) => <Cell key={d.name} fill={d.fill} />);
  const format = opts.minutes ? (v: number) => formatDuration(v * 60) : undefined;
  return opts.vertical ? (
    <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} />
      <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 12 }} />
      <Tooltip />
      <Bar dataKey="value" name="Incidents" isAnimationActive={false}>
        {cells}
      </Bar>
    </BarChart>
  ) : (
    <BarChart data={data} margin={{ right: 16 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="name" tick={{ fontSize: 12 }} />
      <YAxis allowDecimals={!!opts.minutes} tickFormatter={format} width={opts.minutes ? 72 : 40} />
      <Tooltip formatter={format ? (v) => format(Number(v)) : undefined} />
      <Bar dataKey="value" name={opts.minutes ? "Median" : "Incidents"} isAnimationActive={false}>
        {cells}
      </Bar>
    </BarChart>
  );
}

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const [form, setForm] = useState({ from, to });
  const { data: stats, error } = useLoad(() => {
    const query: Record<string, string> = {};
    if (from) query.from = `${from}T00:00:00Z`;
    if (to) {
      const end = new Date(`${to}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      query.to = end.toISOString();
    }
    return must(api.GET("/api/v1/stats", { params: { query } }));
  }, [from, to]);

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (form.from) next.set("from", form.from);
    if (form.to) next.set("to", form.to);
    setParams(next);
  }

  const num = (o: unknown, k: string) => Number((o as Record<string, unknown> | undefined)?.[k] ?? 0);
  const severity: Row[] = SEVERITIES.map((s) => ({ name: s, value: num(stats?.by_severity, s) }));
  const factors: Row[] = CATEGORIES.map((c) => ({
    name: categoryLabel(c),
    value: num(stats?.by_contributing_factor, c),
  })).filter((r) => r.value > 0);
  const months: Row[] = (stats?.by_month ?? []).map((m) => ({ name: m.month ?? "", value: m.count ?? 0 }));
  const minutes = (s: number | null | undefined) => (s == null ? 0 : s / 60);
  const times: Row[] = [
    { name: "Time to detect", value: minutes(stats?.median_time_to_detect_seconds) },
    { name: "Time to resolve", value: minutes(stats?.median_time_to_resolve_seconds) },
  ];

  return (
    <Stack>
      <Title order={1}>Dashboard</Title>
      <form onSubmit={apply} aria-label="Period">
        <div className="filters">
          <TextInput
            label="Incidents from"
            type="date"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
          <TextInput
            label="Incidents until"
            type="date"
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.currentTarget.value })}
          />
          <Button type="submit">Show</Button>
        </div>
      </form>
      <ErrorNote error={error} title="Could not load the figures" />
      {!stats && !error && <Loading what="the figures" />}
      {stats && (
        <>
          <div className="figures">
            <Paper withBorder p="sm">
              <Text size="sm" c="dimmed">
                Postmortems
              </Text>
              <Text fw={700} size="xl" data-testid="stat-postmortems">
                {stats.postmortems ?? 0}
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="sm" c="dimmed">
                Open action items
              </Text>
              <Text fw={700} size="xl">
                {stats.open_action_items ?? 0}
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="sm" c="dimmed">
                Overdue action items
              </Text>
              <Text fw={700} size="xl" c={(stats.overdue_action_items ?? 0) > 0 ? "red" : undefined}>
                {stats.overdue_action_items ?? 0}
              </Text>
            </Paper>
            <Paper withBorder p="sm">
              <Text size="sm" c="dimmed">
                Median detect / resolve
              </Text>
              <Text fw={700} size="xl">
                {formatDuration(stats.median_time_to_detect_seconds)} /{" "}
                {formatDuration(stats.median_time_to_resolve_seconds)}
              </Text>
            </Paper>
          </div>
          <div className="card-grid">
            <Figure title="Incidents by severity" rows={severity} unit={count}>
              {bars(severity, { fills: SEVERITY_FILL })}
            </Figure>
            <Figure title="Incidents by contributing factor" rows={factors} unit={count}>
              {bars(factors, { vertical: true })}
            </Figure>
            <Figure title="Incidents by month" rows={months} unit={count}>
              {bars(months)}
            </Figure>
            <Figure
              title="Median time to detect and to resolve"
              rows={times}
              unit={(v) => formatDuration(v * 60)}
            >
              {bars(times, { minutes: true })}
            </Figure>
          </div>
        </>
      )}
    </Stack>
  );
}
