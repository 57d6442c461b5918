-- The peer feed's words, as search_terms keeps postmortems' (0020, docs/search.md), but only the
-- words of each received lesson's title (weight A), with the score ts_rank gives the lesson for
-- that word alone. Lessons arrive at federation rates, and every row here costs a write: the
-- title's few words cost nothing measurable per lesson, where its summary, impact and lessons
-- learned as well (about 70 words) cost 40% of push ingest. A lesson with the word in its title
-- scores at least 1 / 1.645 = 0.608 and one without at most 0.4, so a word's list still holds
-- the lessons that can top its one-word search. Equal scores show the lesson received last
-- first, as the feed does; received_at is set once, when the first version arrives.
CREATE TABLE received_lesson_terms (
  lexeme      text NOT NULL,
  lesson_id   uuid NOT NULL REFERENCES received_lessons (id) ON DELETE CASCADE,
  score       real NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX received_lesson_terms_best
  ON received_lesson_terms (lexeme, score DESC, received_at DESC, lesson_id DESC);
CREATE INDEX received_lesson_terms_lesson ON received_lesson_terms (lesson_id);  -- as in 0020

-- New lessons: once per statement, so a group of lessons stored together is one insert here.
CREATE FUNCTION received_lessons_terms_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO received_lesson_terms (lexeme, lesson_id, score, received_at)
  SELECT t.lexeme, n.id, t.score, n.received_at
  FROM inserted n, search_terms_of(n.search_vector, ARRAY['A']) t;
  RETURN NULL;
END
$$;
CREATE TRIGGER received_lessons_terms_inserted AFTER INSERT ON received_lessons
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION received_lessons_terms_inserted();

-- A new version, a retraction or a withdrawal. The vector is set by a BEFORE trigger when what
-- it is made of changes (0015), and UPDATE OF names the columns a statement sets, so this one
-- watches those columns as well.
CREATE FUNCTION received_lessons_terms_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.search_vector = NEW.search_vector THEN
    RETURN NULL;
  END IF;
  DELETE FROM received_lesson_terms WHERE lesson_id = NEW.id;
  INSERT INTO received_lesson_terms (lexeme, lesson_id, score, received_at)
  SELECT t.lexeme, NEW.id, t.score, NEW.received_at
  FROM search_terms_of(NEW.search_vector, ARRAY['A']) t;
  RETURN NULL;
END
$$;
CREATE TRIGGER received_lessons_terms_updated
  AFTER UPDATE OF title, summary, tags, fields, search_vector ON received_lessons
  FOR EACH ROW EXECUTE FUNCTION received_lessons_terms_updated();

INSERT INTO received_lesson_terms (lexeme, lesson_id, score, received_at)
SELECT t.lexeme, r.id, t.score, r.received_at
FROM received_lessons r, search_terms_of(r.search_vector, ARRAY['A']) t;
