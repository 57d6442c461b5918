-- Fills the database with :count synthetic postmortems for the benchmarks, shaped like a real
-- archive: each incident has a theme (replication, certificates, DNS, ...) whose terms recur in
-- its title, narrative, timeline and factors, mixed with the everyday words of incident
-- write-ups and with a long tail of English words (Zipf-like, from /usr/share/dict/words).
-- So a query for a theme matches a few percent of the archive, as it would in practice, while
-- common words still match many. Stored documents and search vectors come from the functions
-- the server uses.
\set ON_ERROR_STOP on
BEGIN;
-- Temp tables have no statistics; JIT would compile every phrase() call at huge estimated cost.
SET LOCAL jit = off;
CREATE TEMP TABLE dict (w text);
\copy dict FROM '/usr/share/dict/words'
-- Looked up by key, word by word: one big array would be detoasted at every subscript.
CREATE TEMP TABLE filler AS
SELECT (row_number() OVER (ORDER BY hashtext(w)) - 1)::int AS id, w
FROM (SELECT DISTINCT lower(w) AS w FROM dict WHERE w ~ '^[a-z]{4,12}$') d;
ALTER TABLE filler ADD PRIMARY KEY (id);
CREATE TEMP TABLE filler_count AS SELECT count(*)::int AS n FROM filler;

CREATE TEMP TABLE general AS
SELECT string_to_array(
  'service customers error errors alert alerts on-call engineer team minutes requests traffic '
  'increase spike degraded impact users dashboard page paged incident response investigation '
  'mitigation rollback restart restarted production staging cluster region deploy change config '
  'monitoring metrics logs graph threshold saturation retries timeout timeouts latency p99 '
  'upstream downstream queue backlog capacity load node nodes instance instances host hosts '
  'failure failed partial outage recovered recovery manual runbook escalation status page '
  'communication slack channel ticket follow-up postmortem root cause contributing factor '
  'detection observed noticed confirmed identified investigated escalated resolved window '
  'maintenance scheduled automation script job pipeline build release version upgrade patch '
  'hotfix code review test coverage alarm noisy missing gap owner documentation training',
  ' ') AS a;
ALTER TABLE general ADD COLUMN n int;
UPDATE general SET n = cardinality(a);

CREATE TEMP TABLE themes (id int, title text, terms text[], n int, tag text,
                          category factor_category);
INSERT INTO themes (id, title, terms, tag, category)
SELECT row_number() OVER () - 1, t.title, string_to_array(t.terms, ' '), t.tag,
       t.category::factor_category
FROM (VALUES
  ('replication lag on the primary', 'replication lag replica primary standby wal failover promotion', 'database', 'infrastructure'),
  ('certificate expiry', 'certificate expiry expired tls renewal acme chain handshake', 'tls', 'process_gap'),
  ('kafka consumer lag', 'kafka consumer partition rebalance broker offset topic', 'kafka', 'capacity'),
  ('connection pool exhaustion', 'connection pool exhaustion pgbouncer max_connections idle leak', 'database', 'capacity'),
  ('dns resolution failures', 'dns resolver nxdomain coredns ttl zone lookup', 'dns', 'dependency'),
  ('disk full on log volume', 'disk full volume inode ephemeral rotation logrotate', 'disk', 'capacity'),
  ('bad rollout', 'rollout canary deploy rollback bake progressive', 'deploy', 'change'),
  ('table bloat', 'vacuum bloat autovacuum wraparound dead tuples index', 'database', 'software_defect'),
  ('vendor api outage', 'vendor api third-party webhook provider sla', 'vendor', 'dependency'),
  ('out of memory kills', 'oom killer memory leak heap garbage collector', 'memory', 'software_defect'),
  ('feature flag misconfiguration', 'feature flag toggle configuration default targeting', 'config', 'configuration'),
  ('load balancer health checks', 'load balancer health check target drain listener', 'network', 'configuration'),
  ('kubernetes node drain', 'kubernetes node drain eviction pod disruption budget', 'kubernetes', 'infrastructure'),
  ('cache stampede', 'cache eviction stampede hit ratio warmup memcached redis', 'cache', 'capacity'),
  ('clock skew', 'clock skew ntp chrony drift timestamp', 'time', 'infrastructure'),
  ('rate limiting', 'rate limit quota throttling burst token bucket', 'api', 'configuration'),
  ('schema migration lock', 'schema migration lock alter table blocking ddl', 'database', 'change'),
  ('network partition', 'network partition packet loss bgp route switch', 'network', 'infrastructure'),
  ('backup restore failure', 'backup restore snapshot retention archive', 'storage', 'process_gap'),
  ('cron job overlap', 'cron job scheduler overlap duplicate batch', 'batch', 'software_defect'),
  ('autoscaler misbehaviour', 'autoscaler scaling replicas hpa cooldown', 'kubernetes', 'capacity'),
  ('alert fatigue', 'alert paging noise fatigue threshold silence', 'monitoring', 'monitoring_gap'),
  ('metric cardinality explosion', 'metric cardinality labels prometheus series ingestion', 'monitoring', 'monitoring_gap'),
  ('secret rotation', 'secret rotation credential vault expiry key', 'security', 'security'),
  ('cpu throttling', 'cpu throttling cgroup limits quota cores', 'kubernetes', 'configuration'),
  ('deadlock in payments', 'deadlock transaction retry isolation serialization', 'database', 'software_defect'),
  ('search index corruption', 'search index elasticsearch shard reindex mapping', 'search', 'software_defect'),
  ('queue backlog', 'queue backlog worker consumer rabbitmq dead letter', 'queue', 'capacity'),
  ('storage latency', 'storage latency iops volume throughput ebs', 'storage', 'infrastructure'),
  ('email delivery delays', 'smtp delivery bounce queue provider', 'email', 'dependency'),
  ('ddos traffic', 'ddos attack traffic botnet waf mitigation', 'security', 'security'),
  ('object storage outage', 'bucket object storage s3 permissions policy', 'storage', 'dependency'),
  ('build pipeline breakage', 'build pipeline ci artifact cache runner', 'ci', 'software_defect'),
  ('timezone bug', 'timezone daylight saving offset parsing', 'time', 'software_defect'),
  ('thread pool starvation', 'thread pool starvation blocking executor saturation', 'latency', 'software_defect'),
  ('ssh access lockout', 'ssh bastion access keys lockout', 'security', 'human_system')
) AS t(title, terms, tag, category);
UPDATE themes SET n = cardinality(terms);
CREATE TEMP TABLE theme_count AS SELECT count(*)::int AS n FROM themes;

-- A uniform number in [0, 1) from a seed.
CREATE FUNCTION pg_temp.u(seed bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT (hashint8(seed) & 2147483647)::float8 / 2147483648.0
$$;

-- k words: a quarter from the theme, a third everyday incident words, the rest long-tail English.
CREATE FUNCTION pg_temp.phrase(k int, seed bigint, theme int) RETURNS text LANGUAGE sql AS $$
  SELECT string_agg(CASE
      WHEN r < 0.25 THEN t.terms[1 + floor(pg_temp.u(seed * 131 + i * 7) * t.n)::int]
      WHEN r < 0.6 THEN g.a[1 + floor(power(pg_temp.u(seed * 137 + i * 11), 2) * g.n)::int]
      ELSE (SELECT f.w FROM filler f
            WHERE f.id = floor(power(pg_temp.u(seed * 139 + i * 13), 3) * fc.n)::int) END,
    ' ' ORDER BY i)
  FROM (SELECT i, pg_temp.u(seed * 127 + i) AS r FROM generate_series(1, k) i) w,
       themes t, general g, filler_count fc
  WHERE t.id = theme
$$;

CREATE TEMP TABLE seeded AS
SELECT g, (abs(hashint8(g)) % c.n)::int AS theme,
       timestamptz '2020-01-01' + make_interval(hours => g) AS t
FROM generate_series(1, :count) g, theme_count c;

INSERT INTO postmortems (title, severity, status, started_at, detected_at, mitigated_at, resolved_at,
                         services, tags, summary, impact, trigger, resolution, lessons_learned,
                         created_by, updated_by, created_at, updated_at, document)
SELECT initcap(th.title) || ' in ' || (ARRAY['checkout','search','billing','auth','ingest','api','mobile','reports'])[1 + s.g % 8],
       (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + abs(hashint8(s.g * 3)) % 4]::severity,
       (ARRAY['draft','in_review','published','published'])[1 + abs(hashint8(s.g * 5)) % 4]::postmortem_status,
       s.t, s.t + make_interval(mins => 1 + s.g % 30), s.t + make_interval(mins => 30 + s.g % 90),
       s.t + make_interval(mins => 120 + s.g % 600),
       ARRAY['svc-' || (s.g % 40)],
       ARRAY[th.tag, (ARRAY['latency','availability','customer-facing','internal','data','security'])[1 + abs(hashint8(s.g * 7)) % 6]],
       pg_temp.phrase(40, s.g * 10 + 1, s.theme), pg_temp.phrase(20, s.g * 10 + 2, s.theme),
       pg_temp.phrase(15, s.g * 10 + 3, s.theme), pg_temp.phrase(25, s.g * 10 + 4, s.theme),
       pg_temp.phrase(30, s.g * 10 + 5, s.theme),
       u.id, u.id, s.t, s.t, '{}'::jsonb
FROM seeded s JOIN themes th ON th.id = s.theme,
     (SELECT id FROM users WHERE username = 'admin') u;

INSERT INTO timeline_entries (postmortem_id, position, at, kind, text)
SELECT p.id, i, p.started_at + make_interval(mins => i * 5), 'event',
       pg_temp.phrase(12, hashtext(p.id::text)::bigint * 4 + i, s.theme)
FROM postmortems p JOIN seeded s ON s.t = p.started_at, generate_series(0, 2) i;

INSERT INTO contributing_factors (postmortem_id, position, category, text)
SELECT p.id, 0, th.category, pg_temp.phrase(10, hashtext(p.id::text)::bigint * 4 + 3, s.theme)
FROM postmortems p JOIN seeded s ON s.t = p.started_at JOIN themes th ON th.id = s.theme;

UPDATE postmortems SET document = postmortem_document(id), search_vector = postmortem_search_vector(id);
COMMIT;
-- The UPDATE above left a dead copy of every row: clean up now, not during the measurement.
VACUUM ANALYZE;
