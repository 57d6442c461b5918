-- Other instances this one knows (docs/federation.md, "Peers and subscriptions"): one row per
-- origin in normal form (https://host[:port]). A blocked peer's requests are refused with 403
-- before its signature is checked.
CREATE TABLE federation_peers (
  origin     text PRIMARY KEY CHECK (origin ~ '^https://[^/?#]+$'),
  name       text,  -- the name its discovery document gave, last seen
  created_at timestamptz NOT NULL DEFAULT now(),
  blocked_at timestamptz,
  blocked_by uuid REFERENCES users (id)
);

-- Subscriptions both ways: 'incoming' when the peer subscribes to this instance's lessons
-- (this instance publishes), 'outgoing' when this instance subscribes to the peer's. An origin
-- with no row here, in any state, may only ask to subscribe.
CREATE TABLE federation_subscriptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  direction   text NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  peer_origin text NOT NULL REFERENCES federation_peers (origin),
  remote_id   text,  -- the id the publisher gave an outgoing subscription
  state       text NOT NULL
              CHECK (state IN ('pending', 'accepted', 'rejected', 'revoked', 'cancelled')),
  topics      text[] NOT NULL DEFAULT '{}',
  message     text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
-- At most one live subscription per peer and direction.
CREATE UNIQUE INDEX federation_subscriptions_live
  ON federation_subscriptions (peer_origin, direction) WHERE state IN ('pending', 'accepted');
CREATE INDEX federation_subscriptions_peer ON federation_subscriptions (peer_origin);
