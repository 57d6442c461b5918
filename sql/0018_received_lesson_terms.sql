-- The peer feed's words, as search_terms keeps postmortems' (0017, docs/search.md): for each
-- received lesson, every word of its title, summary, impact or lessons learned (weights A and
-- B) with the score ts_rank gives the lesson for that word alone, so a ranked feed search reads
-- each word's best lessons besides its newest matches.
CREATE TABLE received_lesson_terms (
  lexeme    text NOT NULL,
  lesson_id uuid NOT NULL REFERENCES received_lessons (id) ON DELETE CASCADE,
  score     real NOT NULL,
  PRIMARY KEY (lesson_id, lexeme)
);
CREATE INDEX received_lesson_terms_best ON received_lesson_terms (lexeme, score DESC, lesson_id);

-- The vector is set by a BEFORE trigger when what it is made of changes (0015), and UPDATE OF
-- names the columns a statement sets, so this one watches those columns as well.
CREATE TRIGGER received_lessons_search_terms
  AFTER INSERT OR UPDATE OF title, summary, tags, fields, search_vector ON received_lessons
  FOR EACH ROW EXECUTE FUNCTION search_terms_refresh('received_lesson_terms', 'lesson_id');

INSERT INTO received_lesson_terms (lexeme, lesson_id, score)
SELECT t.lexeme, r.id, t.score FROM received_lessons r, search_terms_of(r.search_vector) t;
