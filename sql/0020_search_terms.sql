-- Ranked search without scoring every match (docs/search.md). For each postmortem, every word
-- that occurs in its title or in its summary, impact or lessons (weights A and B of the search
-- vector) is kept here with the score ts_rank gives that postmortem for that word alone. A
-- search then reads the best few hundred postmortems of each of its words from the index below,
-- in the order a one-word search shows them, instead of ranking every postmortem that contains
-- a common word.
--
-- Why A and B only: for a one-word query ts_rank adds the weights of the word's occurrences in
-- position order, the n-th divided by n squared, and a vector holds its A positions before its B,
-- C and D ones; so any postmortem with the word in A or B scores at least 0.4 / 1.645 = 0.243
-- and any other at most 0.2. The rows here therefore hold every postmortem that can reach the
-- top of a one-word search.
CREATE TABLE search_terms (
  lexeme        text NOT NULL,
  postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
  score         real NOT NULL,
  updated_at    timestamptz NOT NULL  -- the postmortem's: equal scores show the newest first
);
CREATE INDEX search_terms_best
  ON search_terms (lexeme, score DESC, updated_at DESC, postmortem_id DESC);
-- For rewriting a postmortem's rows. Not a key on (postmortem_id, lexeme): a vector's lexemes are
-- distinct already, and this index, each id repeated about 70 times, deduplicates: 46 MB at
-- 100,000 postmortems, where the key took 378 MB.
CREATE INDEX search_terms_postmortem ON search_terms (postmortem_id);

-- The words of a search vector that occur with one of the `wanted` weights, each with
-- ts_rank(v, word): sum over its occurrences, in position order, of weight / n^2, divided by
-- pi^2 / 6.
CREATE FUNCTION search_terms_of(v tsvector, wanted text[]) RETURNS TABLE (lexeme text, score real)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT u.lexeme,
         (SELECT sum(CASE o.w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END
                     / (o.n * o.n)) / 1.64493406685
          FROM unnest(u.weights) WITH ORDINALITY AS o(w, n))::real
  FROM unnest(v) u
  WHERE u.weights && wanted
$$;

-- Rewrites a postmortem's words when its vector or its time changes.
CREATE FUNCTION postmortems_refresh_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.search_vector = NEW.search_vector
     AND OLD.updated_at = NEW.updated_at THEN
    RETURN NULL;
  END IF;
  DELETE FROM search_terms WHERE postmortem_id = NEW.id;
  INSERT INTO search_terms (lexeme, postmortem_id, score, updated_at)
  SELECT t.lexeme, NEW.id, t.score, NEW.updated_at
  FROM search_terms_of(NEW.search_vector, ARRAY['A', 'B']) t;
  RETURN NULL;
END
$$;
CREATE TRIGGER postmortems_search_terms
  AFTER INSERT OR UPDATE OF search_vector, updated_at ON postmortems
  FOR EACH ROW EXECUTE FUNCTION postmortems_refresh_search_terms();

INSERT INTO search_terms (lexeme, postmortem_id, score, updated_at)
SELECT t.lexeme, p.id, t.score, p.updated_at
FROM postmortems p, search_terms_of(p.search_vector, ARRAY['A', 'B']) t;
