// The secret-assignment detector's pattern matches on most lines of a config paste, where the
// prefilter reports nearly every line and RE2 pays a forward and a reverse search per match. One
// pass that jumps to the assignment operators finds exactly the same matches.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   (?i)\b[a-z0-9_.-]*(?:pass|pwd|secret|token|key|auth|credential)[a-z0-9_.-]*["']?[ \t]*
//   (?::=|=>|=|:)[ \t]*
// in valid UTF-8 `text`, as RE2 finds it (whose case folding also takes U+017F for `s` and
// U+212A for `k`).
bool find_secret_assignment(std::string_view text, std::size_t pos, std::size_t& start,
                            std::size_t& end);

}  // namespace hindsight::common::anonymizer
