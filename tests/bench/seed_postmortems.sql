-- Fills the database with :count synthetic postmortems for the benchmarks: varied titles,
-- narrative, tags, services, timeline entries and contributing factors, with their stored
-- documents and search vectors computed by the same functions the server uses.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE words AS
SELECT unnest(string_to_array(
  'database replication lag primary failover cache eviction storm latency timeout retry queue '
  'backlog consumer kafka partition leader election dns resolver certificate expiry rollout canary '
  'deploy config flag rollback disk full inode memory leak oom killer cpu throttling kubernetes node '
  'drain autoscaler quota rate limit load balancer health check connection pool exhaustion deadlock '
  'index bloat vacuum migration schema lock network partition packet loss bgp route tls handshake '
  'storage volume snapshot backup restore region outage dependency vendor api webhook cron job '
  'scheduler clock skew ntp alert paging runbook escalation dashboard metric cardinality log volume',
  ' ')) AS w;
CREATE TEMP TABLE vocab AS SELECT array_agg(w) AS a, count(*)::int AS n FROM words;

CREATE FUNCTION pg_temp.phrase(k int, seed int) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(v.a[1 + ((seed * 7919 + i * 104729) % v.n)], ' ')
  FROM vocab v, generate_series(1, k) i
$$;

INSERT INTO postmortems (title, severity, status, started_at, detected_at, mitigated_at, resolved_at,
                         services, tags, summary, impact, trigger, resolution, lessons_learned,
                         created_by, updated_by, created_at, updated_at, document)
SELECT initcap(pg_temp.phrase(5, g)),
       (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + g % 4]::severity,
       (ARRAY['draft','in_review','published'])[1 + g % 3]::postmortem_status,
       t, t + make_interval(mins => 1 + g % 30), t + make_interval(mins => 30 + g % 90),
       t + make_interval(mins => 120 + g % 600),
       ARRAY['svc-' || (g % 40)], ARRAY[(SELECT a[1 + g % n] FROM vocab), (SELECT a[1 + (g * 3) % n] FROM vocab)],
       pg_temp.phrase(40, g + 1), pg_temp.phrase(20, g + 2), pg_temp.phrase(15, g + 3),
       pg_temp.phrase(25, g + 4), pg_temp.phrase(30, g + 5),
       u.id, u.id, t, t, '{}'::jsonb
FROM generate_series(1, :count) g,
     LATERAL (SELECT timestamptz '2020-01-01' + make_interval(hours => g) AS t) times,
     (SELECT id FROM users WHERE username = 'admin') u;

INSERT INTO timeline_entries (postmortem_id, position, at, kind, text)
SELECT p.id, i, p.started_at + make_interval(mins => i * 5), 'event', pg_temp.phrase(12, i + length(p.title))
FROM postmortems p, generate_series(0, 2) i;

INSERT INTO contributing_factors (postmortem_id, position, category, text)
SELECT p.id, 0, (enum_range(NULL::factor_category))[1 + abs(hashtext(p.title)) % 11], pg_temp.phrase(10, length(p.summary))
FROM postmortems p;

UPDATE postmortems SET document = postmortem_document(id), search_vector = postmortem_search_vector(id);
COMMIT;
ANALYZE;
