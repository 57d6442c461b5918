// Email, IPv4 and IPv6 addresses, found by memchr on the `@`, `.` or `:` each match holds and a
// look at the bytes around it: exactly the matches RE2 finds for the detectors' patterns, without
// a prefilter pass or an RE2 pass over the lines.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   \b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b
// as RE2 finds it in `text` (`\b` reads the byte before `pos`).
bool find_email(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   \b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b
bool find_ipv4(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   (?i)(?:[0-9a-f]{1,4}:|::)[0-9a-f]{0,4}:[0-9a-f:.]*[0-9a-f](?:%[0-9a-z_.-]+)?(?:/\d{1,3})?
bool find_ipv6(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

}  // namespace hindsight::common::anonymizer
