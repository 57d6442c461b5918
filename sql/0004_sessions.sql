-- Browser sessions (the cookie holds a random token; only its SHA-256 is kept) and failed
-- sign-ins, counted per account and per address to slow down password guessing.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  csrf_hash  text NOT NULL CHECK (csrf_hash ~ '^[0-9a-f]{64}$'),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
  key text NOT NULL,  -- 'user:<username>' or 'addr:<address>'
  at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
