-- The functions below run once per row: for each received lesson written (its search vector),
-- and for each lesson version queued or pulled (what a subscriber is sent of it). As SQL
-- functions with subqueries PostgreSQL cannot inline them, and plans their body again at every
-- call; in PL/pgSQL each statement's plan is kept for the session. Same bodies, same results.

CREATE OR REPLACE FUNCTION received_lesson_search_vector(title text, summary text, tags text[],
                                                         fields jsonb)
RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF fields IS NULL THEN
    RETURN ''::tsvector;
  END IF;
  RETURN
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
          FROM jsonb_path_query(fields, '$.action_items[*].text') AS a)), 80000)), 'D');
END $$;

CREATE OR REPLACE FUNCTION federation_topics_match(topics text[], tags text[]) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN cardinality(topics) = 0
      OR EXISTS (SELECT 1 FROM unnest(topics) t JOIN unnest(tags) g ON lower(t) = lower(g));
END $$;

CREATE OR REPLACE FUNCTION lesson_version_tags(document jsonb) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN ARRAY(SELECT jsonb_array_elements_text(document -> 'tags'));
END $$;

CREATE OR REPLACE FUNCTION federation_version_view(topics text[], lesson uuid, v integer)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  version_retracted boolean;
  version_document jsonb;
BEGIN
  SELECT lv.retracted, lv.document INTO version_retracted, version_document
  FROM lesson_versions lv WHERE lv.lesson_id = lesson AND lv.version = v;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF NOT version_retracted
     AND federation_topics_match(topics, lesson_version_tags(version_document)) THEN
    RETURN 'lesson';
  END IF;
  IF EXISTS (SELECT 1 FROM lesson_versions e
             WHERE e.lesson_id = lesson AND e.version < v AND NOT e.retracted
               AND federation_topics_match(topics, lesson_version_tags(e.document))) THEN
    RETURN 'tombstone';
  END IF;
  RETURN NULL;
END $$;
