// Finds exact date-times written in free text (`2024-03-02T14:05:00Z`, `2024-03-02 14:05 UTC`,
// `2024-03-02T16:05+02:00`): RFC 3339 and the common ISO 8601 spellings with a time of day.
// A date-time without a zone is taken as UTC. Bare dates and bare times are not matched.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "lessons/incident_clock.hpp"

namespace hindsight::server {

struct DateTimeSpan {
  std::size_t start;  // UTF-8 byte offsets, end exclusive
  std::size_t end;
  Instant at;
};

// In text order, non-overlapping; one pass with a bounded look-ahead, so linear in the text.
std::vector<DateTimeSpan> find_date_times(std::string_view text);

}  // namespace hindsight::server
