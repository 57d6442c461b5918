#include "federation/peers/peer_standing.hpp"

namespace hindsight::federation {

namespace {

constexpr common::db::Statement kStanding{"federation_peer_standing", R"sql(
SELECT EXISTS (SELECT 1 FROM federation_peers WHERE origin = $1 AND blocked_at IS NOT NULL),
       EXISTS (SELECT 1 FROM federation_subscriptions WHERE peer_origin = $1))sql"};
constexpr common::db::Statement kRemember{"federation_peer_remember", R"sql(
INSERT INTO federation_peers (origin, name) VALUES ($1, NULLIF($2, ''))
ON CONFLICT (origin) DO UPDATE SET name = COALESCE(EXCLUDED.name, federation_peers.name)
RETURNING blocked_at IS NOT NULL)sql"};

}  // namespace

PeerStanding peer_standing(common::db::Transaction& tx, const std::string& origin) {
  auto row = tx.exec(kStanding, origin)[0];
  return {row[0].as<bool>(), row[1].as<bool>()};
}

bool remember_peer(common::db::Transaction& tx, const std::string& origin,
                   const std::string& name) {
  return tx.exec(kRemember, origin, name)[0][0].as<bool>();
}

}  // namespace hindsight::federation
