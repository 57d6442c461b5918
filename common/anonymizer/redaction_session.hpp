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

// Who found a span: the detector, the user directory of the context (directory_emails.hpp),
// or a reviewer's rule (reviewer_rules.hpp).
enum class FindingSource { kDetector, kDirectory, kReviewer };
const char* finding_source_name(FindingSource source);  // "detector", "directory", "reviewer"

struct RedactedFinding {
  Finding finding;  // offsets into the original text
  std::string placeholder;
  FindingSource source = FindingSource::kDetector;
  std::string rule_id;  // a reviewer's
};

// A date or time replaced by its offset from the incident's start: not a finding, since no
// finding type names it.
struct CoarsenedSpan {
  std::size_t start;  // offsets into the original text
  std::size_t end;
  std::string replacement;  // "T+6m", "T-1d"
};

struct RedactedText {
  std::string text;
  std::vector<RedactedFinding> findings;
  std::vector<CoarsenedSpan> coarsened;
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
  std::string key_;  // built for each lookup; kept so that a lookup allocates nothing
};

}  // namespace hindsight::common::anonymizer
