// One placeholder mapping shared by every text of one postmortem: the same original of the same
// type always gets the same `[TYPE-n]`, numbered per type in order of first appearance.
// Placeholders carry nothing of the original (no part, hash or length of a secret).
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "anonymizer/entity_type.hpp"

namespace hindsight::common::anonymizer {

struct RedactedFinding {
  Finding finding;  // offsets into the original text
  std::string placeholder;
};

struct RedactedText {
  std::string text;
  std::vector<RedactedFinding> findings;
};

class RedactionSession {
 public:
  std::string placeholder_for(EntityType type, std::string_view original);
  // `findings` sorted and non-overlapping (as resolve_overlaps returns them).
  RedactedText apply(std::string_view text, const std::vector<Finding>& findings);

 private:
  std::map<std::pair<EntityType, std::string>, std::string> placeholders_;
  std::array<unsigned, kEntityTypeCount> counters_{};
};

}  // namespace hindsight::common::anonymizer
