// The high-entropy detector's pattern matches on most lines of prose, so instead of a second
// RE2 pass over the whole text, one pass over the bytes finds exactly the same matches.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   (?:^|[^A-Za-z0-9+/_.=-])([A-Za-z0-9][A-Za-z0-9+/_-]{19,}={0,2})
// in valid UTF-8 `text`, as RE2 finds it; [start, end) is the group, and the match ends at `end`.
bool find_long_word(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

}  // namespace hindsight::common::anonymizer
