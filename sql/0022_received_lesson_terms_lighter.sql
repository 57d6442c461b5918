-- Fewer writes per received lesson for the feed's words (0021). Received lessons are never
-- deleted by the server, so the foreign key only cost a check and a lock of the lesson for each
-- word stored at ingest; the index on lesson_id cost an entry per word. A lesson's words are
-- now removed through the best-words index itself: their keys are the lexemes, scores and time
-- that the lesson's old vector gives (search_terms_of is immutable, received_at never changes).
-- A lesson deleted by hand still takes its words along.
ALTER TABLE received_lesson_terms DROP CONSTRAINT received_lesson_terms_lesson_id_fkey;
DROP INDEX received_lesson_terms_lesson;

CREATE OR REPLACE FUNCTION received_lessons_terms_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.search_vector = NEW.search_vector THEN
    RETURN NULL;
  END IF;
  DELETE FROM received_lesson_terms r
  USING search_terms_of(OLD.search_vector, ARRAY['A']) t
  WHERE r.lexeme = t.lexeme AND r.score = t.score AND r.received_at = OLD.received_at
    AND r.lesson_id = OLD.id;
  INSERT INTO received_lesson_terms (lexeme, lesson_id, score, received_at)
  SELECT t.lexeme, NEW.id, t.score, NEW.received_at
  FROM search_terms_of(NEW.search_vector, ARRAY['A']) t;
  RETURN NULL;
END
$$;

CREATE FUNCTION received_lessons_terms_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM received_lesson_terms r
  USING deleted d, search_terms_of(d.search_vector, ARRAY['A']) t
  WHERE r.lexeme = t.lexeme AND r.score = t.score AND r.received_at = d.received_at
    AND r.lesson_id = d.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER received_lessons_terms_deleted AFTER DELETE ON received_lessons
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION received_lessons_terms_deleted();
