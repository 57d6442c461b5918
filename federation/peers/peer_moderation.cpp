#include "federation/peers/peer_moderation.hpp"

#include <nlohmann/json.hpp>

#include "common/db/statement.hpp"
#include "federation/outbox/outbox.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kBlock{"peer_block", R"(
INSERT INTO federation_peers (origin, blocked_at, blocked_by) VALUES ($1, now(), $2::uuid)
ON CONFLICT (origin) DO UPDATE SET blocked_at = now(), blocked_by = $2::uuid
WHERE federation_peers.blocked_at IS NULL
RETURNING origin)"};
constexpr db::Statement kRevokeLive{"peer_block_revoke", R"(
UPDATE federation_subscriptions SET state = 'revoked', updated_at = now()
WHERE peer_origin = $1 AND state IN ('pending', 'accepted')
RETURNING id, direction, remote_id IS NOT NULL)"};
constexpr db::Statement kUnblock{"peer_unblock", R"(
UPDATE federation_peers SET blocked_at = NULL, blocked_by = NULL
WHERE origin = $1 AND blocked_at IS NOT NULL RETURNING origin)"};
constexpr db::Statement kPolicy{"peer_auto_accept_policy", R"(
SELECT (SELECT auto_accept_all FROM federation_policy),
       (SELECT to_json(COALESCE(array_agg(origin ORDER BY origin), '{}'))::text
        FROM federation_peers WHERE auto_accept))"};
constexpr db::Statement kSetAll{"peer_auto_accept_all", R"(
UPDATE federation_policy SET auto_accept_all = $1)"};
constexpr db::Statement kSetPeer{"peer_auto_accept_one", R"(
INSERT INTO federation_peers (origin, auto_accept) VALUES ($1, $2)
ON CONFLICT (origin) DO UPDATE SET auto_accept = $2)"};

}  // namespace

BlockOutcome block_peer(db::Transaction& tx, const common::audit::Actor& actor,
                        const std::string& origin) {
  BlockOutcome outcome;
  if (tx.exec(kBlock, origin, actor.user_id).empty()) return outcome;
  outcome.changed = true;
  tx.changes_cached_rows();  // refused here from the next request on (PeerStandingCache)
  outcome.deliveries_dropped = drop_queued_lessons(tx, origin);
  json revoked = json::array();
  for (const auto& row : tx.exec(kRevokeLive, origin)) {
    std::string id = row[0].as<std::string>();
    bool incoming = row[1].as<std::string>() == "incoming";
    // A publisher that never answered has no id of ours to cancel.
    if (incoming)
      queue_subscription_event(tx, id, origin, "subscription.revoked");
    else if (row[2].as<bool>())
      queue_subscription_event(tx, id, origin, "subscription.cancel");
    revoked.push_back({{"id", id}, {"direction", row[1].as<std::string>()}});
  }
  common::audit::record(tx, actor,
                        {"peer.block",
                         "peer",
                         origin,
                         {{"blocked", false}},
                         {{"blocked", true},
                          {"subscriptions_revoked", revoked},
                          {"deliveries_dropped", outcome.deliveries_dropped}}});
  return outcome;
}

bool unblock_peer(db::Transaction& tx, const common::audit::Actor& actor,
                  const std::string& origin) {
  if (tx.exec(kUnblock, origin).empty()) return false;
  tx.changes_cached_rows();
  common::audit::record(
      tx, actor, {"peer.unblock", "peer", origin, {{"blocked", true}}, {{"blocked", false}}});
  return true;
}

AutoAcceptPolicy auto_accept_policy(db::Transaction& tx) {
  auto row = tx.exec(kPolicy)[0];
  return {row[0].as<bool>(), json::parse(row[1].as<std::string>()).get<std::vector<std::string>>()};
}

void set_auto_accept_all(db::Transaction& tx, const common::audit::Actor& actor, bool all) {
  bool before = auto_accept_policy(tx).all;
  tx.exec(kSetAll, all);
  common::audit::record(tx, actor,
                        {"federation.auto_accept",
                         "policy",
                         "all",
                         {{"auto_accept", before}},
                         {{"auto_accept", all}}});
}

void set_peer_auto_accept(db::Transaction& tx, const common::audit::Actor& actor,
                          const std::string& origin, bool accept) {
  tx.exec(kSetPeer, origin, accept);
  common::audit::record(
      tx, actor, {"federation.auto_accept", "peer", origin, nullptr, {{"auto_accept", accept}}});
}

}  // namespace hindsight::federation
