// The publisher's side of a subscription request (FEDERATION.md, "Subscriptions", step 1 and
// 3): another instance asks to receive this instance's lessons, or cancels its subscription.
// Both run in the transaction that also records the request's nonce.
#pragma once

#include <string>
#include <vector>

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
// subscription gets that one back unchanged, so a retried request makes no second one. Throws
// common::ApiError 403 when `subscriber` names an instance other than the sender.
SubscriptionAnswer receive_subscription_request(common::db::Transaction& tx,
                                                const std::string& sender,
                                                const SubscriptionRequest& request);

// The subscriber `sender` cancels its subscription `id`, pending or accepted; one already
// ended stays as it is. Throws common::ApiError 404 when `sender` has no subscription `id`.
SubscriptionAnswer cancel_incoming_subscription(common::db::Transaction& tx,
                                                const std::string& sender, const std::string& id);

}  // namespace hindsight::federation
