#include "common/anonymizer/pattern_syntax.hpp"

namespace hindsight::common::anonymizer {
namespace {

// A member at `at` of a class's body: a printable ASCII byte other than `[`, or an escaped
// punctuation mark. Moves `at` past it.
std::optional<char> class_member(std::string_view pattern, std::size_t& at) {
  if (at >= pattern.size()) return std::nullopt;
  char c = pattern[at];
  if (c == '\\') {
    if (at + 1 >= pattern.size() || !is_punctuation(pattern[at + 1])) return std::nullopt;
    at += 2;
    return pattern[at - 1];
  }
  if (c < ' ' || c > '~' || c == '[') return std::nullopt;
  ++at;
  return c;
}

std::optional<std::size_t> number(std::string_view digits) {
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  std::size_t value = 0;
  for (char d : digits) {
    if (!is_ascii_digit(d)) return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(d - '0');
  }
  return value;
}

}  // namespace

std::optional<AsciiClass> ascii_class_at(std::string_view pattern) {
  if (pattern.size() < 2 || pattern[0] != '[' || pattern[1] == '^' || pattern[1] == ']')
    return std::nullopt;
  AsciiClass out;
  std::size_t at = 1;
  while (at < pattern.size() && pattern[at] != ']') {
    auto first = class_member(pattern, at);
    if (!first) return std::nullopt;
    char last = *first;
    if (at + 1 < pattern.size() && pattern[at] == '-' && pattern[at + 1] != ']') {
      ++at;
      auto end = class_member(pattern, at);
      if (!end || *end < *first) return std::nullopt;
      last = *end;
    }
    for (int b = *first; b <= last; ++b)
      out.bytes[static_cast<std::size_t>(b)] = true;
  }
  if (at >= pattern.size()) return std::nullopt;
  out.length = at + 1;
  return out;
}

std::optional<Counts> counts_at(std::string_view pattern) {
  if (pattern.empty() || pattern[0] != '{') return std::nullopt;
  auto close = pattern.find('}');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view counts = pattern.substr(1, close - 1);
  auto comma = counts.find(',');
  auto min = number(counts.substr(0, comma));
  auto max = comma == std::string_view::npos ? min
             : comma + 1 == counts.size()    ? std::optional<std::size_t>(kUnboundedCount)
                                             : number(counts.substr(comma + 1));
  if (!min || !max || *max < *min) return std::nullopt;
  return Counts{*min, *max, close + 1};
}

}  // namespace hindsight::common::anonymizer
