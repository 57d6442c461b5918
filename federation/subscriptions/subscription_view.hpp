// One subscription as admins see it, either way (docs/federation.md, "Peers and
// subscriptions").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/db/transaction.hpp"

namespace hindsight::federation {

struct SubscriptionView {
  std::string id;
  std::string direction;  // incoming: the peer subscribes here; outgoing: this instance there
  std::string peer_origin;
  std::string peer_name;
  bool peer_blocked = false;
  std::string state;  // pending | accepted | rejected | revoked | cancelled
  std::vector<std::string> topics;
  std::string message;
  std::optional<std::string> remote_id;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> accepted_at;
  std::optional<std::string> last_pull_at;     // outgoing only
  std::optional<std::string> last_pull_error;  // outgoing only
};

nlohmann::json to_json(const SubscriptionView& s);

// Every subscription of one direction, newest first. Throws nothing for an empty list.
std::vector<SubscriptionView> list_subscriptions(common::db::Transaction& tx,
                                                 const std::string& direction);
// One subscription of that direction, or nullopt (a malformed id included).
std::optional<SubscriptionView> find_subscription(common::db::Transaction& tx,
                                                  const std::string& direction,
                                                  const std::string& id);

}  // namespace hindsight::federation
