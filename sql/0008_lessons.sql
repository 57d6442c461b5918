-- Lessons (DESIGN.md, "Lessons"): the anonymized snapshot of a published postmortem that a
-- reviewer approves for sharing. Only anonymized text is stored in `lessons` and
-- `lesson_versions`; the original stays in postmortem_versions and never leaves.
CREATE TYPE lesson_status AS ENUM ('draft', 'approved', 'retracted');

CREATE TABLE lessons (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  postmortem_id     uuid NOT NULL UNIQUE REFERENCES postmortems (id),
  status            lesson_status NOT NULL DEFAULT 'draft',
  -- Bumped by every change: the ETag a reviewer approves with.
  revision          integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  -- The postmortem version the current draft was made from.
  source_version    integer NOT NULL CHECK (source_version >= 1),
  -- The last lesson_versions row written (0: never approved).
  published_version integer NOT NULL DEFAULT 0 CHECK (published_version >= 0),
  severity          severity NOT NULL,
  tags              text[] NOT NULL DEFAULT '{}',
  fields            jsonb NOT NULL,
  -- [{field, type, start, end, placeholder, source, rule_id}]: offsets, never text.
  findings          jsonb NOT NULL,
  -- [{field, start, end, replacement}]: exact date-times turned into offsets from the start.
  coarsened         jsonb NOT NULL DEFAULT '[]',
  created_by        uuid NOT NULL REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        uuid NOT NULL REFERENCES users (id),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  approved_by       uuid REFERENCES users (id),
  approved_at       timestamptz
);
CREATE INDEX lessons_recent ON lessons (updated_at DESC, id DESC);

-- A reviewer's additions on top of the detector, applied on every (re)draft. Internal: they
-- never travel with a lesson.
CREATE TYPE lesson_rule_kind AS ENUM ('redact_term', 'redact_span', 'keep_term');

CREATE TABLE lesson_rules (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lesson_id      uuid NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
  kind           lesson_rule_kind NOT NULL,
  term           text CHECK (term IS NULL OR length(term) BETWEEN 1 AND 200),
  field          text,
  start_offset   integer CHECK (start_offset >= 0),
  end_offset     integer,
  entity_type    text,
  -- For spans: the postmortem version whose text the offsets point into.
  source_version integer,
  created_by     uuid NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'redact_span') = (term IS NULL)),
  CHECK (kind <> 'redact_span' OR (field IS NOT NULL AND start_offset < end_offset
                                   AND source_version IS NOT NULL)),
  CHECK ((kind = 'keep_term') = (entity_type IS NULL))
);
CREATE INDEX lesson_rules_lesson ON lesson_rules (lesson_id, created_at);

-- Every approved or retracted version as the federation document (FEDERATION.md, "Signed
-- lesson documents", without its signature), for delivery to subscribers. Never updated.
CREATE TABLE lesson_versions (
  lesson_id  uuid NOT NULL REFERENCES lessons (id),
  version    integer NOT NULL CHECK (version >= 1),
  retracted  boolean NOT NULL,
  document   jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (lesson_id, version)
);
