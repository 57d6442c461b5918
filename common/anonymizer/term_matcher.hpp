// Where a reviewer's term occurs in a text: whole words, case-insensitive for ASCII and for the
// Latin, Greek, Cyrillic and Armenian letters `fold_case` lowers ("Falcon" matches "falcon's"
// but not "Falcons"; "Müller" matches "MÜLLER"). Other letters compare exactly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hindsight::common::anonymizer {

using ByteRanges = std::vector<std::pair<std::size_t, std::size_t>>;

// A text folded once, searched for many terms (a document's people, a reviewer's terms).
class WholeWordSearch {
 public:
  // `text` outlives the search.
  explicit WholeWordSearch(std::string_view text);
  // [start, end) byte ranges, in order, non-overlapping.
  ByteRanges find(std::string_view term) const;

 private:
  std::string_view text_;
  std::string folded_;
};

// Every exact occurrence, words or not.
ByteRanges find_exact(std::string_view text, std::string_view term);

}  // namespace hindsight::common::anonymizer
