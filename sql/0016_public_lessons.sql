-- Lessons an admin shares with everyone (docs/federation.md, "Public lessons"): readable without
-- signing in at /public/lessons/{id} and listed in /public/feed.atom, always at the lesson's
-- latest version in lesson_versions. Only approved lesson versions are ever shown; the original
-- postmortem is never read for them.
--
-- A lesson made private again keeps its row with `public` false, so the feed knows when it last
-- changed (its `updated`) even after its last entry left.
CREATE TABLE public_lessons (
  lesson_id  uuid PRIMARY KEY REFERENCES lessons (id),
  public     boolean NOT NULL,
  -- When and by whom `public` last changed.
  changed_by uuid NOT NULL REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
