// The two host-name detectors' patterns match on most lines of prose (`e.g`, `config.yaml`,
// `on-call`), so instead of RE2 passes over the whole text, one pass over the bytes each finds
// exactly the same matches. Both take linear time, also on long runs of labels that never match.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   \b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\b
// as RE2 finds it in `text` (`\b` reads the byte before `pos`).
bool find_dotted_name(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   \b[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z]{2,5}[0-9]{1,2})?\b
bool find_short_host(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

}  // namespace hindsight::common::anonymizer
