// Writes the append-only audit log: who did what to which target, and before/after where it
// applies. Written inside the transaction of the change it records, so one never exists
// without the other; any component (the API's services, federation) records through it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/transaction.hpp"

namespace hindsight::common::audit {

struct Actor {
  std::optional<std::string> user_id;  // a local user; none for the operator or a peer
  std::string name;                    // username, "cli", or a peer's origin
};

struct Entry {
  std::string action;       // "postmortem.create", "token.revoke", ...
  std::string target_type;  // "postmortem", "user", "token"
  std::string target_id;
  nlohmann::json before = nullptr;
  nlohmann::json after = nullptr;
};

void record(db::Transaction& tx, const Actor& actor, const Entry& entry);

}  // namespace hindsight::common::audit
