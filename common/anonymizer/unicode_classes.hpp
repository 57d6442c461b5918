// Two Unicode classes of the context learner's names, `\p{Lu}` and `[\p{L}\p{N}]`, as RE2
// knows them: the build writes their ranges from RE2 itself (generator/unicode_class_generator),
// so a name read by hand is the name RE2 would match, without compiling RE2's classes at start.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace hindsight::common::anonymizer {

struct CodePointRange {
  char32_t first;
  char32_t last;
};

// The generated tables: sorted, disjoint ranges.
std::span<const CodePointRange> uppercase_letter_ranges();
std::span<const CodePointRange> letter_or_number_ranges();

bool is_uppercase_letter(char32_t cp);  // \p{Lu}
bool is_letter_or_number(char32_t cp);  // \p{L} or \p{N}

// The code point at `pos` if the bytes there are well-formed UTF-8 (no overlong form, surrogate
// or value past U+10FFFF: what RE2 matches); length 0 otherwise.
struct StrictCodePoint {
  char32_t value;
  std::size_t length;
};
StrictCodePoint decode_utf8_strictly(std::string_view text, std::size_t pos);

}  // namespace hindsight::common::anonymizer
