-- The peer feed: members read, search and filter the lessons received from peers, keep local
-- notes on them and turn them into local action items; reviewers hide one from the feed.

-- Weighted full-text vector of a received lesson: title A; summary, impact and lessons learned
-- B; contributing factors C; the rest of the narrative, timeline, action items, services and
-- tags D. Empty for a tombstone (no fields). The fields were checked when they arrived, but the
-- paths are read leniently (jsonpath's lax mode), so no shape a peer sends makes the write fail.
-- Each part indexes its first 80,000 characters, as postmortems do (0010): the vector stays
-- well under PostgreSQL's 1 MiB limit and ranking reads a bounded vector.
CREATE FUNCTION received_lesson_search_vector(title text, summary text, tags text[], fields jsonb)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN fields IS NULL THEN ''::tsvector ELSE
    setweight(to_tsvector('english', left(title, 80000)), 'A')
    || setweight(to_tsvector('english', left(concat_ws(' ', summary,
         fields #>> '{impact}', fields #>> '{lessons_learned}'), 80000)), 'B')
    || setweight(to_tsvector('english', left(COALESCE((
         SELECT string_agg(concat_ws(' ', f #>> '{category}', f #>> '{text}'), ' ')
         FROM jsonb_path_query(fields, '$.contributing_factors[*]') AS f), ''), 80000)), 'C')
    || setweight(to_tsvector('english', left(concat_ws(' ',
         fields #>> '{trigger}', fields #>> '{detection}', fields #>> '{resolution}',
         fields #>> '{went_well}', fields #>> '{went_poorly}', fields #>> '{lucky}',
         array_to_string(tags, ' '),
         (SELECT string_agg(s #>> '{}', ' ') FROM jsonb_path_query(fields, '$.services[*]') AS s),
         (SELECT string_agg(t #>> '{}', ' ') FROM jsonb_path_query(fields, '$.timeline[*].text') AS t),
         (SELECT string_agg(a #>> '{}', ' ')
          FROM jsonb_path_query(fields, '$.action_items[*].text') AS a)), 80000)), 'D')
  END
$$;

-- Kept in the row on every insert and on every update of what it is made of, whoever writes
-- the row (the inbox, a pull, a withdrawal that clears the fields).
ALTER TABLE received_lessons ADD COLUMN search_vector tsvector NOT NULL DEFAULT '';
CREATE FUNCTION received_lessons_index_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := received_lesson_search_vector(NEW.title, NEW.summary, NEW.tags, NEW.fields);
  RETURN NEW;
END $$;
CREATE TRIGGER received_lessons_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, tags, fields ON received_lessons
  FOR EACH ROW EXECUTE FUNCTION received_lessons_index_text();
UPDATE received_lessons SET search_vector = received_lesson_search_vector(title, summary, tags, fields);
-- Ranking reads the vector of each candidate: in the row, not in TOAST (see 0010).
ALTER TABLE received_lessons ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE received_lessons SET (toast_tuple_target = 4080);

CREATE INDEX received_lessons_search ON received_lessons USING gin (search_vector);
CREATE INDEX received_lessons_tags ON received_lessons USING gin (tags);
CREATE INDEX received_lessons_factors
  ON received_lessons USING gin ((fields -> 'contributing_factors') jsonb_path_ops);
CREATE INDEX received_lessons_peer ON received_lessons (origin, received_at DESC, id DESC);
CREATE INDEX received_lessons_published ON received_lessons (published_at);

-- Notes a member keeps on a received lesson. They never leave this instance.
CREATE TABLE received_lesson_notes (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_lesson_id uuid NOT NULL REFERENCES received_lessons (id) ON DELETE CASCADE,
  author_id          uuid NOT NULL REFERENCES users (id),
  text               text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX received_lesson_notes_lesson ON received_lesson_notes (received_lesson_id, created_at, id);

-- "Could this happen here?": an action item belongs to one of this instance's postmortems or to
-- a received lesson, never both. Postmortem items keep their rows and code paths unchanged;
-- items of a received lesson record who made them, since no postmortem version does.
ALTER TABLE action_items
  ALTER COLUMN postmortem_id DROP NOT NULL,
  ADD COLUMN received_lesson_id uuid REFERENCES received_lessons (id) ON DELETE CASCADE,
  ADD COLUMN created_by uuid REFERENCES users (id),
  ADD CONSTRAINT action_items_one_parent CHECK (num_nonnulls(postmortem_id, received_lesson_id) = 1);
CREATE INDEX action_items_received_lesson
  ON action_items (received_lesson_id, position) WHERE received_lesson_id IS NOT NULL;
