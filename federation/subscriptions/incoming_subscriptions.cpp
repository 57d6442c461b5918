#include "federation/subscriptions/incoming_subscriptions.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/audit/audit_writer.hpp"
#include "common/db/statement.hpp"
#include "common/error/api_error.hpp"
#include "common/util/uuid_text.hpp"
#include "federation/discovery/origin.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;

namespace {

constexpr db::Statement kUpsertPeer{"federation_peer_seen", R"(
INSERT INTO federation_peers (origin, name) VALUES ($1, NULLIF($2, ''))
ON CONFLICT (origin) DO UPDATE SET name = COALESCE(EXCLUDED.name, federation_peers.name))"};
constexpr db::Statement kLive{"federation_incoming_live", R"(
SELECT id, state FROM federation_subscriptions
WHERE peer_origin = $1 AND direction = 'incoming' AND state IN ('pending', 'accepted'))"};
constexpr db::Statement kInsert{"federation_incoming_insert", R"(
INSERT INTO federation_subscriptions (direction, peer_origin, state, topics, message)
VALUES ('incoming', $1, 'pending', ARRAY(SELECT jsonb_array_elements_text($2::jsonb)), $3)
ON CONFLICT (peer_origin, direction) WHERE state IN ('pending', 'accepted') DO NOTHING
RETURNING id)"};
constexpr db::Statement kLockOne{"federation_incoming_lock", R"(
SELECT state FROM federation_subscriptions
WHERE id = $1::uuid AND peer_origin = $2 AND direction = 'incoming' FOR UPDATE)"};
constexpr db::Statement kCancel{"federation_incoming_cancel", R"(
UPDATE federation_subscriptions SET state = 'cancelled', updated_at = now() WHERE id = $1::uuid)"};

common::audit::Actor peer_actor(const std::string& origin) {
  return {std::nullopt, origin};
}

}  // namespace

SubscriptionAnswer receive_subscription_request(db::Transaction& tx, const std::string& sender,
                                                const SubscriptionRequest& request) {
  auto subscriber = normalize_origin(request.subscriber);
  if (subscriber != sender)
    throw ApiError::forbidden(
        fmt::format("subscriber '{}' is not the instance that signed the request ({})",
                    request.subscriber, sender));
  tx.exec(kUpsertPeer, sender, request.name);
  // Two copies of one request may race: the unique index lets one insert, the other reads it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto live = tx.exec(kLive, sender);
    if (!live.empty()) return {live[0][0].as<std::string>(), live[0][1].as<std::string>()};
    auto made = tx.exec(kInsert, sender, nlohmann::json(request.topics).dump(), request.message);
    if (made.empty()) continue;
    SubscriptionAnswer answer{made[0][0].as<std::string>(), "pending"};
    common::audit::record(tx, peer_actor(sender),
                          {"subscription.request",
                           "subscription",
                           answer.id,
                           nullptr,
                           {{"peer", sender},
                            {"direction", "incoming"},
                            {"state", answer.state},
                            {"topics", request.topics}}});
    return answer;
  }
  throw ApiError::conflict("the subscription changed while it was being requested; retry");
}

SubscriptionAnswer cancel_incoming_subscription(db::Transaction& tx, const std::string& sender,
                                                const std::string& id) {
  if (!common::looks_like_uuid(id))
    throw ApiError::not_found("no subscription " + id + " of " + sender);
  auto row = tx.exec(kLockOne, id, sender);
  if (row.empty()) throw ApiError::not_found("no subscription " + id + " of " + sender);
  std::string state = row[0][0].as<std::string>();
  if (state != "pending" && state != "accepted") return {id, state};
  tx.exec(kCancel, id);
  common::audit::record(tx, peer_actor(sender),
                        {"subscription.cancel",
                         "subscription",
                         id,
                         {{"state", state}},
                         {{"peer", sender}, {"direction", "incoming"}, {"state", "cancelled"}}});
  return {id, "cancelled"};
}

}  // namespace hindsight::federation
