// Finds dates and times written in words: `March 2, 2024`, `2 March`, `Mar 2`, `2nd of March`,
// a weekday (`on Tuesday`), `yesterday`, `today`, `tomorrow`, and times of day with a.m. or p.m.
// (`3 p.m.`, `3:15pm`, `11 AM`), a date followed by a time of day (`March 2 at 3 p.m.`,
// `Tuesday, 14:05 UTC`) as one. Month and weekday names count only capitalized (`march` and
// `may` are verbs); a month needs a day beside it. What is not said is taken from the
// reference (the incident's start): a date without a year is in the year that puts it nearest,
// a weekday is the nearest such day, `yesterday` the day before the reference's, a bare time
// the nearest such time. Recurring phrases are no date and are left alone (`every Sunday`,
// `each Monday`, `on Sundays`).
#pragma once

#include <string_view>
#include <vector>

#include "common/anonymizer/date_time_finder.hpp"

namespace hindsight::common::anonymizer {

// In text order, non-overlapping; one pass, each position read a bounded distance, so linear.
std::vector<DateTimeSpan> find_dates_in_words(std::string_view text, Instant reference);

}  // namespace hindsight::common::anonymizer
