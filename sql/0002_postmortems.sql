-- Postmortems: the current state in typed columns and child tables (for search, filters and
-- lists), and every saved version kept whole as a JSON document (for history and comparison).
CREATE TYPE severity AS ENUM ('SEV1', 'SEV2', 'SEV3', 'SEV4');
CREATE TYPE postmortem_status AS ENUM ('draft', 'in_review', 'published');
CREATE TYPE factor_category AS ENUM (
  'change', 'configuration', 'capacity', 'dependency', 'software_defect', 'infrastructure',
  'monitoring_gap', 'process_gap', 'human_system', 'security', 'unknown');
CREATE TYPE action_item_status AS ENUM ('open', 'in_progress', 'done', 'wont_do');

CREATE TABLE postmortems (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  status          postmortem_status NOT NULL DEFAULT 'draft',
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  severity        severity NOT NULL,
  started_at      timestamptz,
  detected_at     timestamptz,
  mitigated_at    timestamptz,
  resolved_at     timestamptz,
  services        text[] NOT NULL DEFAULT '{}',
  tags            text[] NOT NULL DEFAULT '{}',
  summary         text NOT NULL DEFAULT '',
  impact          text NOT NULL DEFAULT '',
  trigger         text NOT NULL DEFAULT '',
  detection       text NOT NULL DEFAULT '',
  resolution      text NOT NULL DEFAULT '',
  went_well       text NOT NULL DEFAULT '',
  went_poorly     text NOT NULL DEFAULT '',
  lucky           text NOT NULL DEFAULT '',
  lessons_learned text NOT NULL DEFAULT '',
  created_by      uuid NOT NULL REFERENCES users (id),
  updated_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz,
  -- The whole current representation, served by GET in one read.
  document        jsonb NOT NULL,
  search_vector   tsvector NOT NULL DEFAULT ''
);
CREATE INDEX postmortems_search ON postmortems USING gin (search_vector);
CREATE INDEX postmortems_recent ON postmortems (updated_at DESC, id DESC);
CREATE INDEX postmortems_tags ON postmortems USING gin (tags);
CREATE INDEX postmortems_services ON postmortems USING gin (services);
CREATE INDEX postmortems_started ON postmortems (started_at);

CREATE TABLE timeline_entries (
  postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
  position      integer NOT NULL,
  at            timestamptz NOT NULL,
  kind          text NOT NULL DEFAULT 'event',
  text          text NOT NULL,
  PRIMARY KEY (postmortem_id, position)
);

CREATE TABLE contributing_factors (
  postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
  position      integer NOT NULL,
  category      factor_category NOT NULL,
  text          text NOT NULL DEFAULT '',
  PRIMARY KEY (postmortem_id, position)
);
CREATE INDEX contributing_factors_category ON contributing_factors (category);

CREATE TABLE action_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
  position      integer NOT NULL,
  text          text NOT NULL,
  owner_id      uuid REFERENCES users (id),
  due           date,
  status        action_item_status NOT NULL DEFAULT 'open',
  external_link text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_items_postmortem ON action_items (postmortem_id, position);
CREATE INDEX action_items_open_due ON action_items (due NULLS LAST) WHERE status IN ('open', 'in_progress');

-- Every save, kept: versions are never updated or deleted.
CREATE TABLE postmortem_versions (
  postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
  version       integer NOT NULL,
  status        postmortem_status NOT NULL,
  editor_id     uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  document      jsonb NOT NULL,
  PRIMARY KEY (postmortem_id, version)
);

-- Who did what to which target, and when; append-only (the trigger refuses edits).
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid REFERENCES users (id),
  actor       text NOT NULL,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- RFC 3339 in UTC, with fractions only when there are any.
CREATE FUNCTION rfc3339(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t IS NULL THEN NULL
              WHEN date_trunc('second', t) = t THEN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              ELSE to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END
$$;

-- The API representation of a postmortem's current state; stored in postmortems.document
-- and in each postmortem_versions row. Durations are derived here, never stored twice.
CREATE FUNCTION postmortem_document(pm uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', p.id, 'version', p.version, 'status', p.status, 'title', p.title,
    'severity', p.severity,
    'started_at', rfc3339(p.started_at), 'detected_at', rfc3339(p.detected_at),
    'mitigated_at', rfc3339(p.mitigated_at), 'resolved_at', rfc3339(p.resolved_at),
    'durations', jsonb_build_object(
      'time_to_detect_seconds', extract(epoch FROM p.detected_at - p.started_at)::bigint,
      'time_to_mitigate_seconds', extract(epoch FROM p.mitigated_at - p.started_at)::bigint,
      'time_to_resolve_seconds', extract(epoch FROM p.resolved_at - p.started_at)::bigint),
    'services', to_jsonb(p.services), 'tags', to_jsonb(p.tags),
    'summary', p.summary, 'impact', p.impact, 'trigger', p.trigger,
    'detection', p.detection, 'resolution', p.resolution, 'went_well', p.went_well,
    'went_poorly', p.went_poorly, 'lucky', p.lucky, 'lessons_learned', p.lessons_learned,
    'timeline', COALESCE((
      SELECT jsonb_agg(jsonb_build_object('at', rfc3339(t.at), 'kind', t.kind, 'text', t.text)
                       ORDER BY t.position)
      FROM timeline_entries t WHERE t.postmortem_id = p.id), '[]'::jsonb),
    'contributing_factors', COALESCE((
      SELECT jsonb_agg(jsonb_build_object('category', f.category, 'text', f.text) ORDER BY f.position)
      FROM contributing_factors f WHERE f.postmortem_id = p.id), '[]'::jsonb),
    'action_items', COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
               'id', a.id, 'text', a.text, 'owner', u.username, 'due', to_char(a.due, 'YYYY-MM-DD'),
               'status', a.status, 'external_link', a.external_link) ORDER BY a.position)
      FROM action_items a LEFT JOIN users u ON u.id = a.owner_id
      WHERE a.postmortem_id = p.id), '[]'::jsonb),
    'created_by', cu.username, 'updated_by', uu.username,
    'created_at', rfc3339(p.created_at), 'updated_at', rfc3339(p.updated_at),
    'published_at', rfc3339(p.published_at))
  FROM postmortems p
  JOIN users cu ON cu.id = p.created_by
  JOIN users uu ON uu.id = p.updated_by
  WHERE p.id = pm
$$;

-- Weighted full-text vector: title A; summary, impact and lessons B; contributing factors C;
-- timeline and the remaining narrative D.
CREATE FUNCTION postmortem_search_vector(pm uuid) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', p.title), 'A')
      || setweight(to_tsvector('english', p.summary || ' ' || p.impact || ' ' || p.lessons_learned), 'B')
      || setweight(to_tsvector('english', COALESCE((
           SELECT string_agg(f.category::text || ' ' || f.text, ' ')
           FROM contributing_factors f WHERE f.postmortem_id = p.id), '')), 'C')
      || setweight(to_tsvector('english',
           p.trigger || ' ' || p.detection || ' ' || p.resolution || ' ' || p.went_well || ' ' ||
           p.went_poorly || ' ' || p.lucky || ' ' || array_to_string(p.services, ' ') || ' ' ||
           array_to_string(p.tags, ' ') || ' ' || COALESCE((
             SELECT string_agg(t.text, ' ') FROM timeline_entries t WHERE t.postmortem_id = p.id), '')),
         'D')
  FROM postmortems p WHERE p.id = pm
$$;
