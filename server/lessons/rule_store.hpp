// The lesson_rules table: a reviewer's rules stored, removed, and loaded as the RuleSet the
// redactor applies. Spans made against an older postmortem version are found again by their
// text in the same field, so a redraft from a new version never drops a redaction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/transaction.hpp"
#include "server/lessons/rule_input.hpp"
#include "server/lessons/rule_set.hpp"

namespace hindsight::server {

// The document of one postmortem version; throws when it is missing (it never is: versions
// are never deleted).
nlohmann::json read_postmortem_version(common::db::Transaction& tx,
                                       const std::string& postmortem_id, int version);

RuleSet load_rule_set(common::db::Transaction& tx, const std::string& lesson_id,
                      const std::string& postmortem_id, int source_version);

// Stores a checked rule; a keep of a span is stored as a keep of its text (`keep_text`).
std::string insert_rule(common::db::Transaction& tx, const std::string& lesson_id,
                        const RuleRequest& rule, const std::optional<std::string>& keep_text,
                        int source_version, const std::string& user_id);

// {"id", "kind", "type"} of the removed rule, or nullopt when the lesson has no such rule.
std::optional<nlohmann::json> delete_rule(common::db::Transaction& tx, const std::string& lesson_id,
                                          const std::string& rule_id);

}  // namespace hindsight::server
