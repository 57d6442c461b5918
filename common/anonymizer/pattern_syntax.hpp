// Pieces of RE2's syntax that the pattern readers share: the token-shape reader
// (token_pattern.*) and the reader of a row's opening bytes (regex_search.*).
#pragma once

#include <bitset>
#include <cstddef>
#include <limits>
#include <optional>
#include <string_view>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

inline constexpr std::size_t kUnboundedCount = std::numeric_limits<std::size_t>::max();

// A printable ASCII byte that is no letter or digit: escaped (`\.`), it stands for itself.
constexpr bool is_punctuation(char c) {
  return c > ' ' && c <= '~' && !is_ascii_alnum(c);
}

// The class `[...]` that `pattern` opens with, where it is made of ASCII bytes, ranges of them
// and escaped punctuation, and is not negated; each member is then one byte of a match.
// `length` is that of its syntax. nullopt for any other class.
struct AsciiClass {
  std::bitset<256> bytes;
  std::size_t length = 0;
};
std::optional<AsciiClass> ascii_class_at(std::string_view pattern);

// The counts `{n}`, `{n,}` or `{n,m}` that `pattern` opens with (numbers of at most four
// digits, `m` not below `n`); `max` is kUnboundedCount for `{n,}`. nullopt for anything else.
struct Counts {
  std::size_t min = 0;
  std::size_t max = 0;
  std::size_t length = 0;
};
std::optional<Counts> counts_at(std::string_view pattern);

}  // namespace hindsight::common::anonymizer
