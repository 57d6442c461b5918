// Where a reviewer's term occurs in a text: whole words, case-insensitive for ASCII and for the
// Latin, Greek, Cyrillic and Armenian letters `fold_case` lowers ("Falcon" matches "falcon's"
// but not "Falcons"; "Müller" matches "MÜLLER"). Other letters compare exactly.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace hindsight::common::anonymizer {

// [start, end) byte ranges, in order, non-overlapping.
std::vector<std::pair<std::size_t, std::size_t>> find_whole_words(std::string_view text,
                                                                  std::string_view term);
// Every exact occurrence, words or not.
std::vector<std::pair<std::size_t, std::size_t>> find_exact(std::string_view text,
                                                            std::string_view term);

}  // namespace hindsight::common::anonymizer
