-- A tsvector holds at most 1 MiB. A postmortem body within the request limit can carry text
-- with enough distinct words to exceed it, and the write then fails. Each weighted part now
-- indexes its first 80,000 characters: distinct short words cost about 3 bytes of vector per
-- character, so the whole vector stays under 750 KiB. Every field is still searched, up to that
-- length of its part.
CREATE OR REPLACE FUNCTION postmortem_search_vector(pm uuid) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('english', p.title), 'A')
      || setweight(to_tsvector('english', left(
           p.summary || ' ' || p.impact || ' ' || p.lessons_learned, 80000)), 'B')
      || setweight(to_tsvector('english', left(COALESCE((
           SELECT string_agg(f.category::text || ' ' || f.text, ' ')
           FROM contributing_factors f WHERE f.postmortem_id = p.id), ''), 80000)), 'C')
      || setweight(to_tsvector('english', left(
           p.trigger || ' ' || p.detection || ' ' || p.resolution || ' ' || p.went_well || ' ' ||
           p.went_poorly || ' ' || p.lucky || ' ' || array_to_string(p.services, ' ') || ' ' ||
           array_to_string(p.tags, ' ') || ' ' || COALESCE((
             SELECT string_agg(t.text, ' ') FROM timeline_entries t WHERE t.postmortem_id = p.id), ''),
           80000)), 'D')
  FROM postmortems p WHERE p.id = pm
$$;
