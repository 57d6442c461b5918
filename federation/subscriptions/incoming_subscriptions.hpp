// The publisher's side of subscriptions (FEDERATION.md, "Subscriptions"): another instance asks
// to receive this instance's lessons or cancels (both in the transaction that also records the
// request's nonce), and this instance's admins accept, reject or revoke. A decision queues the
// signed event that tells the subscriber, in the same transaction.
#pragma once

#include <string>
#include <vector>

#include "common/audit/audit_writer.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::federation {

struct SubscriptionRequest {
  std::string subscriber;           // the subscriber's origin, as it wrote it
  std::string name;                 // the name it goes by
  std::vector<std::string> topics;  // empty: everything
  std::string message;              // to this instance's admins
};

struct SubscriptionAnswer {
  std::string id;
  std::string state;  // pending | accepted | rejected | revoked | cancelled
};

// A subscription request signed by `sender`. A peer with a live (pending or accepted)
// subscription gets that one back unchanged, so a retried request makes no second one. It is
// accepted at once when the auto-accept policy covers the sender. Throws common::ApiError 403
// when `subscriber` names an instance other than the sender.
SubscriptionAnswer receive_subscription_request(common::db::Transaction& tx,
                                                const std::string& sender,
                                                const SubscriptionRequest& request);

// The subscriber `sender` cancels its subscription `id`, pending or accepted; one already
// ended stays as it is. Throws common::ApiError 404 when `sender` has no subscription `id`.
SubscriptionAnswer cancel_incoming_subscription(common::db::Transaction& tx,
                                                const std::string& sender, const std::string& id);

enum class SubscriberDecision { accept, reject, revoke };

// An admin's decision on subscription `id`: accept or reject a pending one, revoke a pending or
// accepted one (its queued lessons are dropped). Throws common::ApiError 404 (no such incoming
// subscription) or 409 (the decision does not apply to its state). Returns the new state.
std::string decide_incoming_subscription(common::db::Transaction& tx,
                                         const common::audit::Actor& actor, const std::string& id,
                                         SubscriberDecision decision);

}  // namespace hindsight::federation
