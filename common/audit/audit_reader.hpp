// Reads the audit log for admins: newest first, every filter optional, one keyset page at a
// time (the cursor is the id of the last entry shown).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/transaction.hpp"

namespace hindsight::common::audit {

struct Filter {
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> from;  // RFC 3339 instants, already validated
  std::optional<std::string> to;
  std::optional<long long> before_id;  // the cursor
  int limit = 100;
};

// `{"items": [{"id", "at", "actor", "action", "target_type", "target_id", "before", "after"}],
//   "next_cursor"}`
nlohmann::json read_page(db::Transaction& tx, const Filter& filter);

}  // namespace hindsight::common::audit
