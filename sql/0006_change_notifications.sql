-- Servers cache credentials and documents in memory; these triggers tell every server what
-- changed, as `NOTIFY hindsight_changes, '<topic>:<key>'` delivered at commit. An empty key
-- means "anything of this topic".
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    PERFORM pg_notify('hindsight_changes', TG_ARGV[0] || ':' || OLD.id::text);
  ELSE
    PERFORM pg_notify('hindsight_changes', TG_ARGV[0] || ':');
  END IF;
  RETURN NULL;
END $$;

-- Any change to a user, token or session may end someone's access: forget every credential.
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('credentials');
CREATE TRIGGER api_tokens_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('credentials');
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('credentials');

CREATE TRIGGER postmortems_changed AFTER UPDATE OR DELETE ON postmortems
  FOR EACH ROW EXECUTE FUNCTION notify_change('postmortem');
CREATE TRIGGER postmortems_truncated AFTER TRUNCATE ON postmortems
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('postmortem');

CREATE TRIGGER org_dictionary_changed AFTER UPDATE OR DELETE OR TRUNCATE ON org_dictionary
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('org_dictionary');
