// Finds exact times written in free text: date-times (`2024-03-02T14:05:00Z`, `2024-03-02 14:05
// UTC`, `2024-03-02T16:05+02:00`, RFC 3339 and the common ISO 8601 spellings with a time of
// day) and bare 24-hour times of day (`14:05`, `14:05:30 UTC`, two-digit hours). A time without
// a zone is taken as UTC; after a bare time, `-` opens the end of a range (`13:00-14:05`), never
// a zone. A bare time is placed on the day that puts it nearest the reference
// (the incident's start: `23:55` before a start at 00:10 is the evening before). A bare date
// (`2024-03-02`) names a whole day: it would date the incident as surely as a timestamp.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "server/lessons/incident_clock.hpp"

namespace hindsight::server {

struct DateTimeSpan {
  std::size_t start;  // UTF-8 byte offsets, end exclusive
  std::size_t end;
  Instant at;              // for a bare date, the start of its (UTC) day
  bool whole_day = false;  // a bare date
};

// In text order, non-overlapping; one pass with a bounded look-ahead, so linear in the text.
// Without a reference, bare times are placed on 1970-01-01.
std::vector<DateTimeSpan> find_date_times(std::string_view text,
                                          std::optional<Instant> reference = std::nullopt);

}  // namespace hindsight::server
