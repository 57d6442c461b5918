// RFC 3339 timestamps in UTC, the only time format the API and the logs write.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hindsight::common {

std::string format_rfc3339_millis(std::chrono::system_clock::time_point t);  // ...T12:00:00.123Z
std::string format_rfc3339(std::chrono::system_clock::time_point t);         // ...T12:00:00Z

}  // namespace hindsight::common

namespace hindsight::common {

// Parses RFC 3339 date-times ("2026-05-01T12:30:00Z", "...T12:30:00.5+02:00"), checking
// calendar ranges; nullopt when malformed. Seconds precision is kept to microseconds.
std::optional<std::chrono::sys_time<std::chrono::microseconds>> parse_rfc3339(
    std::string_view text);
// The instant of an RFC 3339 date-time written in UTC ("...T10:30:00Z", "...T10:30:00.5Z" with
// six fraction digits when there is a fraction); nullopt when malformed or outside the years
// 0001-9999 UTC (what PostgreSQL and every client can hold). Any offset is accepted, even one
// PostgreSQL itself would refuse.
std::optional<std::string> canonical_instant(std::string_view text);
// "2026-05-01" -> that day; nullopt when malformed or not a calendar date of years 0001-9999.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

}  // namespace hindsight::common
