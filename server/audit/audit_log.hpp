// The append-only record of every privileged or state-changing action: who, what, which
// target, when, and before/after where it applies. Written inside the transaction of the
// change it records, so one never exists without the other.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "db/transaction.hpp"

namespace hindsight::server {

struct AuditEntry {
  std::string action;       // "postmortem.create", "token.revoke", ...
  std::string target_type;  // "postmortem", "user", "token"
  std::string target_id;
  nlohmann::json before = nullptr;
  nlohmann::json after = nullptr;
};

// `actor` null: a command-line action by the operator.
void record_audit(common::db::Transaction& tx, const Principal* actor, const AuditEntry& entry);

}  // namespace hindsight::server
