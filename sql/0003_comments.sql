-- Discussion on a postmortem, threaded one level: a reply answers a top-level comment.
CREATE TABLE comments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  postmortem_id uuid NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
  parent_id     uuid REFERENCES comments (id) ON DELETE CASCADE,
  author_id     uuid NOT NULL REFERENCES users (id),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_postmortem ON comments (postmortem_id, created_at, id);
