// Secrets by their place: after a key that names a secret (`DB_PASSWORD=`), a flag that names
// one (`--api-token `), a word that names one (`token: ...`), a variable's `default =` or an
// `Authorization:` header's scheme. Their
// patterns match on most lines of a config paste, where the prefilter reports nearly every line and
// RE2 pays a forward, a reverse and a submatch search per match; one pass over the bytes finds
// exactly the same matches.
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

// The same for
//   (?i)\b(?:bearer|token|key|secret|password|passwd|credential)s?(?:\s+(?:is|was|of|for))?
//   [ \t:=]+[`'"]?([A-Za-z0-9][A-Za-z0-9_+/=.~!#&*-]{11,})
// where [start, end) is the group, and the match ends at `end`.
bool find_secret_mention(std::string_view text, std::size_t pos, std::size_t& start,
                         std::size_t& end);

// The same for
//   (?i)[ \t\n]--?[a-z0-9-]*(?:pass|pwd|secret|token|key|auth|credential)[a-z0-9-]*(?:=|[ \t]+)
bool find_secret_flag(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   \b(?:default|value)["']?[ \t]*[=:][ \t]*
bool find_named_value(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   (?i)\bauthorization:\s*(?:basic|bearer|token|digest|ssws|apikey|key)\s+
//   ([A-Za-z0-9._~+/=-]{8,})
// where [start, end) is the group, and the match ends at `end`.
bool find_authorization_header(std::string_view text, std::size_t pos, std::size_t& start,
                               std::size_t& end);

}  // namespace hindsight::common::anonymizer
