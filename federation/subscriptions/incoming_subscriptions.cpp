#include "federation/subscriptions/incoming_subscriptions.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/audit/audit_writer.hpp"
#include "common/db/statement.hpp"
#include "common/error/api_error.hpp"
#include "common/util/uuid_text.hpp"
#include "federation/discovery/origin.hpp"
#include "federation/outbox/outbox.hpp"
#include "federation/peers/peer_standing.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;

namespace {

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
constexpr db::Statement kSetState{"federation_incoming_set_state", R"(
UPDATE federation_subscriptions
SET state = $2, updated_at = now(),
    accepted_at = CASE WHEN $2 = 'accepted' THEN now() ELSE accepted_at END
WHERE id = $1::uuid)"};
constexpr db::Statement kLockById{"federation_incoming_lock_by_id", R"(
SELECT state, peer_origin FROM federation_subscriptions
WHERE id = $1::uuid AND direction = 'incoming' FOR UPDATE)"};
constexpr db::Statement kAutoAccepts{"federation_auto_accepts", R"(
SELECT (SELECT auto_accept_all FROM federation_policy)
    OR (SELECT auto_accept FROM federation_peers WHERE origin = $1))"};

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
  remember_peer(tx, sender, request.name);
  // Two copies of one request may race: the unique index lets one insert, the other reads it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto live = tx.exec(kLive, sender);
    if (!live.empty()) return {live[0][0].as<std::string>(), live[0][1].as<std::string>()};
    auto made = tx.exec(kInsert, sender, nlohmann::json(request.topics).dump(), request.message);
    if (made.empty()) continue;
    tx.changes_cached_rows();  // the sender's next request must find its subscription
    SubscriptionAnswer answer{made[0][0].as<std::string>(), "pending"};
    if (tx.exec(kAutoAccepts, sender)[0][0].as<bool>()) {
      tx.exec(kSetState, answer.id, "accepted");
      // Also as an event: the subscriber learns it even if this answer never reaches it.
      queue_subscription_event(tx, answer.id, sender, "subscription.accepted");
      answer.state = "accepted";
    }
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
  tx.exec(kSetState, id, "cancelled");
  drop_queued_lessons(tx, sender);
  common::audit::record(tx, peer_actor(sender),
                        {"subscription.cancel",
                         "subscription",
                         id,
                         {{"state", state}},
                         {{"peer", sender}, {"direction", "incoming"}, {"state", "cancelled"}}});
  return {id, "cancelled"};
}

std::string decide_incoming_subscription(db::Transaction& tx, const common::audit::Actor& actor,
                                         const std::string& id, SubscriberDecision decision) {
  if (!common::looks_like_uuid(id)) throw ApiError::not_found("no subscriber request " + id);
  auto row = tx.exec(kLockById, id);
  if (row.empty()) throw ApiError::not_found("no subscriber request " + id);
  std::string state = row[0][0].as<std::string>();
  std::string peer = row[0][1].as<std::string>();
  const char* next = decision == SubscriberDecision::accept   ? "accepted"
                     : decision == SubscriberDecision::reject ? "rejected"
                                                              : "revoked";
  bool applies = decision == SubscriberDecision::revoke
                     ? (state == "pending" || state == "accepted")
                     : state == "pending";
  if (!applies)
    throw ApiError::conflict(
        fmt::format("a subscription that is {} cannot become {}", state, next));
  tx.exec(kSetState, id, next);
  long long dropped = decision == SubscriberDecision::revoke ? drop_queued_lessons(tx, peer) : 0;
  queue_subscription_event(tx, id, peer, std::string("subscription.") + next);
  common::audit::record(
      tx, actor,
      {std::string("subscription.") + (decision == SubscriberDecision::accept   ? "accept"
                                       : decision == SubscriberDecision::reject ? "reject"
                                                                                : "revoke"),
       "subscription",
       id,
       {{"state", state}},
       {{"peer", peer},
        {"direction", "incoming"},
        {"state", next},
        {"deliveries_dropped", dropped}}});
  return next;
}

}  // namespace hindsight::federation
