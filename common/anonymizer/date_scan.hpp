// The pieces both date finders read text with (date_time_finder.cpp for numbers,
// date_words.cpp for dates written in words): bounded reads at one position, never a search.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "common/anonymizer/incident_clock.hpp"

namespace hindsight::common::anonymizer::date_scan {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
inline bool at(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// Exactly `n` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n);
// `word` at `pos`, ASCII case-insensitive (no boundary check).
bool word_at(std::string_view text, std::size_t pos, std::string_view word);
// The zone after a time: its offset east of UTC and where it ends; none means UTC.
std::pair<std::chrono::minutes, std::size_t> zone(std::string_view text, std::size_t pos);
// `HH:MM[:SS[.fff]]` at `pos` (24-hour, two-digit hours): where it ends, with `time` since
// midnight; nullopt when there is none.
std::optional<std::size_t> time_of_day(std::string_view text, std::size_t pos,
                                       std::chrono::microseconds& time);
// `time` (since midnight) on the day before, of, or after the reference's (UTC) day, whichever
// is nearest to the reference.
Instant nearest_time(std::chrono::microseconds time, Instant reference);

}  // namespace hindsight::common::anonymizer::date_scan
