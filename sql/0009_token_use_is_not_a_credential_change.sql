-- Recording when a token was last used changes no one's access: only changes to the columns
-- that decide access tell the servers to forget cached credentials.
DROP TRIGGER api_tokens_changed ON api_tokens;
CREATE TRIGGER api_tokens_changed AFTER UPDATE OF user_id, token_hash, revoked_at OR DELETE OR TRUNCATE
  ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION notify_change('credentials');
