-- The instance's Ed25519 signing keys (docs/federation.md, "Identity and keys"). The private
-- half is sealed with the key-encryption key (AES-256-GCM, labelled with the key id), so a
-- copy of the database alone cannot sign. The newest key that is neither revoked nor past
-- not_after signs; every such key is published in discovery and verifies.
CREATE TABLE instance_keys (
  key_id text PRIMARY KEY CHECK (key_id ~ '^k[0-9a-f]{16}$'),
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  sealed_private_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  not_after timestamptz,
  revoked_at timestamptz
);

CREATE TRIGGER instance_keys_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON instance_keys FOR EACH STATEMENT EXECUTE FUNCTION notify_change('instance_keys');
