// Keys handed over in a sentence ("it's ...", "the key is ...", "use ..."). The pattern's
// phrases open on most words of prose, while its key, sixteen or more characters in one run,
// is rare there: the finder looks for such runs first and reads back from each to its phrase.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   (?i)\b(?:it(?:'|’)?s|it is|use(?: this(?: one)?)?|try|here it is|here(?:'|’)?s|
//   (?:pw|pass|password|key|secret|token|passphrase) is|new one is|changed it to|set it to)
//   [ \t]*:?[ \t]*[`'"]?([A-Za-z0-9+/_-]{16,}={0,2})
// in valid UTF-8 `text`, as RE2 finds it: [start, end) is the group, and the match ends at
// `end`. (?i) also takes U+017F for `s` and U+212A for `k`, in the phrases and in the key.
bool find_handed_over_key(std::string_view text, std::size_t pos, std::size_t& start,
                          std::size_t& end);

}  // namespace hindsight::common::anonymizer
