// Turns overlapping candidate findings into the final, non-overlapping list: the longest wins,
// ties go by type (SECRET > URL > EMAIL > HOSTNAME > IP_ADDRESS). Spans snap to UTF-8 code point
// boundaries. Detectors emit already-split spans where reviewers need them (a URL and its token).
#pragma once

#include <string_view>
#include <vector>

#include "common/anonymizer/entity_type.hpp"

namespace hindsight::common::anonymizer {

// Sorted by start; no two findings overlap; every offset is on a UTF-8 boundary of `text`.
std::vector<Finding> resolve_overlaps(std::string_view text, std::vector<Finding> candidates);

}  // namespace hindsight::common::anonymizer
