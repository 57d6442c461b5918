// How delivery to each peer stands (FEDERATION.md, "Push delivery": admins see per peer queue
// depth, last success, last error and next attempt), and the admin's retry of dead deliveries.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/audit/audit_writer.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::federation {

struct PeerDeliveryStatus {
  std::string origin;
  std::string name;
  bool blocked = false;
  long long queued = 0;  // waiting to be sent, dead ones not counted
  long long dead = 0;    // gave up after the retry window; an admin may retry them
  std::optional<double> oldest_queued_seconds;
  std::optional<std::string> next_attempt_at;
  long long delivered = 0;
  long long failures = 0;
  std::optional<std::string> last_success_at;
  std::optional<std::string> last_error;
  std::optional<std::string> last_error_at;
};

nlohmann::json to_json(const PeerDeliveryStatus& s);

// Every known peer, by origin.
std::vector<PeerDeliveryStatus> delivery_status(common::db::Transaction& tx);

// Dead deliveries to `origin` are due again now, with a new retry window; deliveries waiting for
// their next attempt are moved to now. Returns how many rows were rescheduled.
long long retry_deliveries(common::db::Transaction& tx, const common::audit::Actor& actor,
                           const std::string& origin);

}  // namespace hindsight::federation
