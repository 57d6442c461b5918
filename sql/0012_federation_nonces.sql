-- Nonces of signed federation requests already accepted, per key, kept until a replay of the
-- request would be refused for its age anyway (docs/federation.md, "Request signatures"). In
-- the database, so a restart opens no replay hole; expired rows are purged in the background.
CREATE TABLE federation_nonces (
  key_id     text NOT NULL,
  nonce      text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (key_id, nonce)
);
CREATE INDEX federation_nonces_expiry ON federation_nonces (expires_at);
