// The last check before a lesson leaves (docs/anonymizer.md, "Lessons"): the final anonymized
// text of every field is scanned again, without the reviewer's keep rules, and any SECRET,
// EMAIL, IP_ADDRESS or MAC_ADDRESS still found blocks approval.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/anonymizer/anonymizer.hpp"

namespace hindsight::server {

struct BlockingFinding {
  std::string field;
  common::anonymizer::EntityType type;
};

// One entry per field and type, in field order. `fields` and `tags` as the lesson stores them.
std::vector<BlockingFinding> approval_blockers(const nlohmann::json& fields,
                                               const nlohmann::json& tags,
                                               const common::anonymizer::Anonymizer& anonymizer,
                                               const common::anonymizer::DocumentContext& context);

}  // namespace hindsight::server
