-- The peer feed's words, as search_terms keeps postmortems' (0020, docs/search.md): for each
-- received lesson, every word of its title, summary, impact or lessons learned (weights A and
-- B) with the score ts_rank gives the lesson for that word alone, so a ranked feed search reads
-- each word's best lessons instead of scoring every match. Equal scores show the lesson received
-- last first, as the feed does; received_at is set once, when the first version arrives.
CREATE TABLE received_lesson_terms (
  lexeme      text NOT NULL,
  lesson_id   uuid NOT NULL REFERENCES received_lessons (id) ON DELETE CASCADE,
  score       real NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX received_lesson_terms_best
  ON received_lesson_terms (lexeme, score DESC, received_at DESC, lesson_id DESC);
CREATE INDEX received_lesson_terms_lesson ON received_lesson_terms (lesson_id);  -- as in 0020

-- The vector is set by a BEFORE trigger when what it is made of changes (0015), and UPDATE OF
-- names the columns a statement sets, so this one watches those columns as well.
CREATE FUNCTION received_lessons_refresh_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.search_vector = NEW.search_vector THEN
    RETURN NULL;
  END IF;
  DELETE FROM received_lesson_terms WHERE lesson_id = NEW.id;
  INSERT INTO received_lesson_terms (lexeme, lesson_id, score, received_at)
  SELECT t.lexeme, NEW.id, t.score, NEW.received_at FROM search_terms_of(NEW.search_vector) t;
  RETURN NULL;
END
$$;
CREATE TRIGGER received_lessons_search_terms
  AFTER INSERT OR UPDATE OF title, summary, tags, fields, search_vector ON received_lessons
  FOR EACH ROW EXECUTE FUNCTION received_lessons_refresh_terms();

INSERT INTO received_lesson_terms (lexeme, lesson_id, score, received_at)
SELECT t.lexeme, r.id, t.score, r.received_at
FROM received_lessons r, search_terms_of(r.search_vector) t;
