#include "federation/subscriptions/outgoing_subscriptions.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/db/statement.hpp"
#include "common/error/api_error.hpp"
#include "common/util/uuid_text.hpp"
#include "federation/inbox/received_lessons.hpp"
#include "federation/outbox/outbox.hpp"
#include "federation/peers/peer_standing.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kInsert{"outgoing_insert", R"(
INSERT INTO federation_subscriptions (direction, peer_origin, state, topics, message)
VALUES ('outgoing', $1, 'pending', ARRAY(SELECT jsonb_array_elements_text($2::jsonb)), $3)
ON CONFLICT (peer_origin, direction) WHERE state IN ('pending', 'accepted') DO NOTHING
RETURNING id)"};
constexpr db::Statement kLock{"outgoing_lock", R"(
SELECT state, peer_origin, remote_id FROM federation_subscriptions
WHERE id = $1::uuid AND direction = 'outgoing' FOR UPDATE)"};
constexpr db::Statement kAnswer{"outgoing_answer", R"(
UPDATE federation_subscriptions
SET remote_id = $2,
    state = CASE WHEN state = 'pending' THEN $3 ELSE state END,
    accepted_at = CASE WHEN state = 'pending' AND $3 = 'accepted' THEN now() ELSE accepted_at END,
    updated_at = now()
WHERE id = $1::uuid RETURNING state)"};
constexpr db::Statement kDelete{"outgoing_delete", R"(
DELETE FROM federation_subscriptions
WHERE id = $1::uuid AND direction = 'outgoing' AND state = 'pending')"};
constexpr db::Statement kSetState{"outgoing_set_state", R"(
UPDATE federation_subscriptions
SET state = $2, remote_id = COALESCE(remote_id, $3),
    accepted_at = CASE WHEN $2 = 'accepted' THEN now() ELSE accepted_at END, updated_at = now()
WHERE id = $1::uuid)"};
// A cancellation still on its way: the publisher would answer a new request with the live one it
// still holds, which the cancellation then ends.
constexpr db::Statement kCancelInFlight{"outgoing_cancel_in_flight", R"(
SELECT 1 FROM federation_outbox
WHERE peer_origin = $1 AND event_type = 'subscription.cancel' LIMIT 1)"};
// The publisher's answer may arrive before its reply to the request gave the id: then the one
// live subscription to it is the one meant.
constexpr db::Statement kFindByRemote{"outgoing_by_remote", R"(
SELECT id, state FROM federation_subscriptions
WHERE peer_origin = $1 AND direction = 'outgoing'
  AND (remote_id = $2 OR (remote_id IS NULL AND state = 'pending'))
ORDER BY remote_id IS NULL, created_at DESC LIMIT 1 FOR UPDATE)"};

const char* state_name(SubscriptionEvent event) {
  switch (event) {
    case SubscriptionEvent::accepted:
      return "accepted";
    case SubscriptionEvent::rejected:
      return "rejected";
    case SubscriptionEvent::revoked:
      return "revoked";
  }
  return "revoked";
}

bool live(const std::string& state) {
  return state == "pending" || state == "accepted";
}

}  // namespace

std::string begin_outgoing_subscription(db::Transaction& tx, const common::audit::Actor& actor,
                                        const std::string& origin, const std::string& peer_name,
                                        const std::vector<std::string>& topics,
                                        const std::string& message) {
  if (remember_peer(tx, origin, peer_name))
    throw ApiError::forbidden(origin + " is blocked: unblock it before subscribing");
  if (!tx.exec(kCancelInFlight, origin).empty())
    throw ApiError::conflict("the cancellation of the last subscription to " + origin +
                             " has not reached it yet: ask again once it has (see GET "
                             "/api/v1/peers for its delivery status)");
  auto made = tx.exec(kInsert, origin, json(topics).dump(), message);
  if (made.empty())
    throw ApiError::conflict("a subscription to " + origin + " is already pending or accepted");
  tx.changes_cached_rows();  // the publisher's answer must find the subscription
  std::string id = made[0][0].as<std::string>();
  common::audit::record(
      tx, actor,
      {"subscription.request",
       "subscription",
       id,
       nullptr,
       {{"peer", origin}, {"direction", "outgoing"}, {"state", "pending"}, {"topics", topics}}});
  return id;
}

std::string record_subscription_answer(db::Transaction& tx, const std::string& id,
                                       const std::string& remote_id, const std::string& state) {
  auto row = tx.exec(kAnswer, id, remote_id, state);
  return row.empty() ? "cancelled" : row[0][0].as<std::string>();
}

void abandon_outgoing_subscription(db::Transaction& tx, const std::string& id) {
  tx.exec(kDelete, id);
}

void cancel_outgoing_subscription(db::Transaction& tx, const common::audit::Actor& actor,
                                  const std::string& id) {
  if (!common::looks_like_uuid(id)) throw ApiError::not_found("no subscription " + id);
  auto row = tx.exec(kLock, id);
  if (row.empty()) throw ApiError::not_found("no subscription " + id);
  std::string state = row[0][0].as<std::string>();
  std::string origin = row[0][1].as<std::string>();
  if (!live(state)) throw ApiError::conflict(fmt::format("this subscription is already {}", state));
  tx.exec(kSetState, id, "cancelled", std::optional<std::string>());
  long long withdrawn = withdraw_received_lessons(tx, origin);
  queue_subscription_event(tx, id, origin, "subscription.cancel");
  common::audit::record(tx, actor,
                        {"subscription.cancel",
                         "subscription",
                         id,
                         {{"state", state}},
                         {{"peer", origin},
                          {"direction", "outgoing"},
                          {"state", "cancelled"},
                          {"lessons_withdrawn", withdrawn}}});
}

std::optional<SubscriptionEvent> subscription_event_from(std::string_view type) {
  if (type == "subscription.accepted") return SubscriptionEvent::accepted;
  if (type == "subscription.rejected") return SubscriptionEvent::rejected;
  if (type == "subscription.revoked") return SubscriptionEvent::revoked;
  return std::nullopt;
}

SubscriptionEventOutcome apply_subscription_event(db::Transaction& tx, const std::string& sender,
                                                  SubscriptionEvent event,
                                                  const std::string& remote_id) {
  auto row = tx.exec(kFindByRemote, sender, remote_id);
  if (row.empty())
    throw ApiError::not_found(fmt::format("no subscription {} with {}", remote_id, sender));
  std::string id = row[0][0].as<std::string>();
  std::string state = row[0][1].as<std::string>();
  std::string next = state_name(event);
  // Ended subscriptions stay ended; accepted ones are not rejected after the fact.
  bool applies = event == SubscriptionEvent::revoked ? live(state) : state == "pending";
  SubscriptionEventOutcome outcome;
  if (!applies) return outcome;
  tx.exec(kSetState, id, next, remote_id);
  json after{{"peer", sender}, {"direction", "outgoing"}, {"state", next}};
  if (event == SubscriptionEvent::revoked)
    after["lessons_withdrawn"] = withdraw_received_lessons(tx, sender);
  outcome.became_accepted = event == SubscriptionEvent::accepted;
  common::audit::record(tx, {std::nullopt, sender},
                        {"subscription." + next, "subscription", id, {{"state", state}}, after});
  return outcome;
}

}  // namespace hindsight::federation
