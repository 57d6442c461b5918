// The subscriber's side of subscriptions (FEDERATION.md, "Subscriptions"): this instance asks a
// publisher for its lessons, hears the publisher's answer by a signed event to its inbox, and
// cancels. Every change runs in the caller's transaction with its audit entry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/audit/audit_writer.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::federation {

// Before the request is sent: a pending subscription to `origin` (in normal form), so that the
// publisher's answer, which may come to the inbox before its reply to the request, finds it.
// Throws common::ApiError 409 when a pending or accepted one exists, 403 when the peer is
// blocked. Returns the new subscription's id.
std::string begin_outgoing_subscription(common::db::Transaction& tx,
                                        const common::audit::Actor& actor,
                                        const std::string& origin, const std::string& peer_name,
                                        const std::vector<std::string>& topics,
                                        const std::string& message);

// The publisher answered the request with its id for the subscription and its state (pending,
// or accepted by its policy). Returns the state now held, which an event may have advanced.
std::string record_subscription_answer(common::db::Transaction& tx, const std::string& id,
                                       const std::string& remote_id, const std::string& state);

// The request was refused or never arrived: nothing was agreed, so the pending row goes.
void abandon_outgoing_subscription(common::db::Transaction& tx, const std::string& id);

// The admin cancels: the content of the peer's lessons is withdrawn, and the publisher is told
// by a signed DELETE from the outbox. Throws common::ApiError 404 (no such subscription) or 409
// (already ended).
void cancel_outgoing_subscription(common::db::Transaction& tx, const common::audit::Actor& actor,
                                  const std::string& id);

enum class SubscriptionEvent { accepted, rejected, revoked };

// The SubscriptionEvent a "subscription.*" event type names; nullopt for any other type.
std::optional<SubscriptionEvent> subscription_event_from(std::string_view type);

struct SubscriptionEventOutcome {
  bool became_accepted = false;  // backfill by pull is due
};

// `sender` tells this instance its subscription `remote_id` was accepted, rejected or revoked.
// An event about a subscription that already ended is acknowledged and changes nothing. Throws
// common::ApiError 404 when this instance has no such subscription with `sender`.
SubscriptionEventOutcome apply_subscription_event(common::db::Transaction& tx,
                                                  const std::string& sender,
                                                  SubscriptionEvent event,
                                                  const std::string& remote_id);

}  // namespace hindsight::federation
