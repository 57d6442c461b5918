-- Fills the peer feed with one received lesson per seeded postmortem (seed_postmortems.sql), as
-- if a peer had shared its whole archive: the same title, summary, narrative, timeline and
-- factors, so the feed's searches meet the same words as the postmortems'. The rows' search
-- vectors and word lists come from the triggers the server uses.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO federation_peers (origin, name) VALUES ('https://peer.bench.example', 'Bench peer');
INSERT INTO received_lessons (origin, lesson_uri, version, retracted, published_at, severity, tags,
                              title, summary, fields, document, received_via, received_at,
                              updated_at)
SELECT 'https://peer.bench.example', 'https://peer.bench.example/lessons/' || p.id, 1, false,
       p.updated_at, p.severity, p.tags, p.title, p.summary,
       jsonb_build_object(
         'impact', p.impact, 'trigger', p.trigger, 'resolution', p.resolution,
         'lessons_learned', p.lessons_learned, 'services', to_jsonb(p.services),
         'contributing_factors', (SELECT jsonb_agg(jsonb_build_object('category', f.category,
                                                                      'text', f.text))
                                  FROM contributing_factors f WHERE f.postmortem_id = p.id),
         'timeline', (SELECT jsonb_agg(jsonb_build_object('at', t.at, 'text', t.text)
                                       ORDER BY t.position)
                      FROM timeline_entries t WHERE t.postmortem_id = p.id)),
       '{}'::jsonb, 'pull', p.updated_at, p.updated_at
FROM postmortems p;
COMMIT;
VACUUM ANALYZE received_lessons;
VACUUM ANALYZE received_lesson_terms;
