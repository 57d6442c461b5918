// Finds exact times written in free text. In numbers: date-times (`2024-03-02T14:05:00Z`,
// `2024-03-02 14:05 UTC`, `2024-03-02T16:05+02:00`, RFC 3339 and the common ISO 8601 spellings
// with a time of day) and bare 24-hour times of day (`14:05`, `14:05:30 UTC`, two-digit hours).
// A time without a zone is taken as UTC; after a bare time, `-` opens the end of a range
// (`13:00-14:05`), never a zone. A bare time is placed on the day that puts it nearest the
// reference (the incident's start: `23:55` before a start at 00:10 is the evening before). A
// bare date (`2024-03-02`) names a whole day: it would date the incident as surely as a
// timestamp. In words: date_words.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "common/anonymizer/incident_clock.hpp"

namespace hindsight::common::anonymizer {

struct DateTimeSpan {
  std::size_t start;  // UTF-8 byte offsets, end exclusive
  std::size_t end;
  Instant at;              // for a whole day, the start of its (UTC) day
  bool whole_day = false;  // a date without a time of day
};

// Numbers and words, in text order, non-overlapping; one pass each with a bounded look-ahead,
// so linear in the text. Without a reference, times and dates that need one (a bare time, a
// weekday, a date without a year) are placed near 1970-01-01.
std::vector<DateTimeSpan> find_date_times(std::string_view text,
                                          std::optional<Instant> reference = std::nullopt);

// A whole text that is one date-time (`2024-03-02T14:05:00Z`, a zone or UTC), as an instant.
std::optional<Instant> parse_date_time(std::string_view text);

}  // namespace hindsight::common::anonymizer
