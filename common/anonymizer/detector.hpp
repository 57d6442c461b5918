// One row of the detector table: a pattern (RE2 syntax, so linear time), the span it marks
// (the whole match or one capture group) and the check that confirms, splits or drops a match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/gazetteer.hpp"
#include "common/anonymizer/host_rules.hpp"
#include "common/anonymizer/scan_context.hpp"

namespace hindsight::common::anonymizer {

struct DetectorMatch {
  std::size_t start;  // of the marked span (the capture group, or the whole match)
  std::size_t end;
  EntityType type;
};

struct DetectorEnv {
  const ScanContext& scan;
  const HostRules& hosts;
  const Gazetteer& names;
};

// Appends zero or more findings for one match.
using Confirm = void (*)(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);

// A hand-written search that finds exactly the pattern's matches (the pattern stays the spec):
// the next marked span at or after `pos`, the match ending where the span ends.
using Finder = bool (*)(std::string_view text, std::size_t pos, std::size_t& start,
                        std::size_t& end);

struct Detector {
  std::string name;
  EntityType type;
  std::string pattern;
  int group;  // 0: the whole match
  Confirm confirm;
  // Left out of the Hyperscan prefilter and run over the whole text: the pattern matches on
  // most lines of prose (Hyperscan would report nearly every line and slow its scan of all the
  // others), or a finder jumps straight to the few places it can match.
  bool whole_text = false;
  Finder find = nullptr;  // used instead of RE2 when given
};

// The built-in detectors, in the order a reader checks them (docs/anonymizer.md, "The detector
// table").
std::vector<Detector> builtin_detectors();
// The provider-prefixed tokens, one row per format (provider_token_table.cpp); part of the above.
std::vector<Detector> provider_token_detectors();

}  // namespace hindsight::common::anonymizer
