// Once a text is judged sensitive, every other occurrence of it in the document is too: a token
// found by its assignment (`TOKEN=...`) must not survive where it appears bare, and a name found
// by a cue must not survive in the next paragraph.
#pragma once

#include <string_view>
#include <vector>

#include "common/anonymizer/entity_type.hpp"

namespace hindsight::common::anonymizer {

// Adds findings for further occurrences (not glued to a letter or digit on an alphanumeric
// edge; case-insensitive except for PERSON) that overlap no finding. `findings` is sorted and
// non-overlapping on entry and on return. At most `max_distinct` texts are propagated, so the
// cost stays linear in the text size.
void add_other_occurrences(std::string_view text, std::vector<Finding>& findings,
                           std::size_t max_distinct = 256);

// Whether `needle` occurs in `haystack` as the scorer counts a leak (used by the fuzz target).
bool occurs_unglued(std::string_view haystack, std::string_view needle, bool case_sensitive);

}  // namespace hindsight::common::anonymizer
