#include "common/anonymizer/unicode_classes.hpp"

#include <algorithm>

#include "common/anonymizer/text_utils.hpp"
#include "common/util/utf8_sequence.hpp"

namespace hindsight::common::anonymizer {
namespace {

bool in_ranges(std::span<const CodePointRange> ranges, char32_t cp) {
  auto after =
      std::upper_bound(ranges.begin(), ranges.end(), cp,
                       [](char32_t value, const CodePointRange& r) { return value < r.first; });
  return after != ranges.begin() && cp <= std::prev(after)->last;
}

}  // namespace

bool is_uppercase_letter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return in_ranges(uppercase_letter_ranges(), cp);
}

bool is_letter_or_number(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
  return in_ranges(letter_or_number_ranges(), cp);
}

StrictCodePoint decode_utf8_strictly(std::string_view text, std::size_t pos) {
  std::size_t length = utf8_sequence_length(text, pos);
  if (length == 0) return {0, 0};
  return {decode_utf8(text, pos).value, length};
}

}  // namespace hindsight::common::anonymizer
