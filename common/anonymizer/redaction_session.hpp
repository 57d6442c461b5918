// One placeholder mapping shared by every text of one postmortem: the same original of the same
// type always gets the same `[TYPE-n]`, numbered per type in order of first appearance.
// Placeholders carry nothing of the original (no part, hash or length of a secret).
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/string_hash.hpp"

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
  // Key: the type's byte, then the original as compared (folded unless a secret).
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> placeholders_;
  std::array<unsigned, kEntityTypeCount> counters_{};
};

}  // namespace hindsight::common::anonymizer
