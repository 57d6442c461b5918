-- Servers keep each peer's standing (blocked or not, any subscription with it) in memory for the
-- checks made before a request's signature. Only the columns and rows that decide it notify, so
-- a pull recording its progress on a subscription does not clear it.
CREATE TRIGGER federation_peers_standing_changed
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF origin, blocked_at ON federation_peers
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('peer_standing');
CREATE TRIGGER federation_subscriptions_standing_changed
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF peer_origin ON federation_subscriptions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('peer_standing');
