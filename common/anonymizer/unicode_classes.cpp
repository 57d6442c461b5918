#include "common/anonymizer/unicode_classes.hpp"

#include <algorithm>

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
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = lead >= 0xF8   ? 0
                       : lead >= 0xF0 ? 4
                       : lead >= 0xE0 ? 3
                       : lead >= 0xC0 ? 2
                                      : 0;
  if (length == 0 || pos + length > text.size()) return {0, 0};
  char32_t value = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {0, 0};
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (value < kSmallest[length] || surrogate || value > 0x10FFFF) return {0, 0};
  return {value, length};
}

}  // namespace hindsight::common::anonymizer
