#include "common/anonymizer/regex_search.hpp"

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

// Fewer bytes than this occur too often for one anchored call at each to pay.
constexpr std::size_t kMinOpening = 2;

constexpr std::string_view kOperators = "\\^$.|?*+()[]{}";

bool has_top_level_alternation(std::string_view pattern) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // a leading `]` is a member
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

Opening opening_of(std::string_view pattern) {
  if (has_top_level_alternation(pattern)) return {};
  Opening opening;
  std::string_view rest = pattern;
  bool word_boundary = rest.starts_with("\\b");
  if (word_boundary) rest.remove_prefix(2);
  std::size_t at = 0;
  while (at < rest.size()) {
    // One literal byte: printable ASCII that is no operator, or an escaped punctuation mark.
    char c = rest[at];
    std::size_t length = 1;
    if (c == '\\') {
      if (at + 1 >= rest.size() || is_ascii_alnum(rest[at + 1]) ||
          static_cast<unsigned char>(rest[at + 1]) >= 0x80)
        break;
      c = rest[at + 1];
      length = 2;
    } else if (c < ' ' || c > '~' || kOperators.find(c) != std::string_view::npos) {
      break;
    }
    at += length;
    if (at < rest.size() && std::string_view("?*+{").find(rest[at]) != std::string_view::npos)
      break;  // quantified: optional, or repeated where the next literal is not sure to follow
    opening.bytes += c;
  }
  if (opening.bytes.size() < kMinOpening) return {};
  opening.at_word_start = word_boundary && finder::is_word(opening.bytes[0]);
  return opening;
}

bool RegexSearch::next(std::size_t pos, re2::StringPiece* groups, int count) {
  re2::StringPiece input(text_.data(), text_.size());
  if (opening_.bytes.empty() || failed_calls_left_ <= 0)
    return regex_.Match(input, pos, to_, RE2::UNANCHORED, groups, count);
  // A match holds its opening, so the opening ends by `to` too.
  std::string_view stretch = text_.substr(0, to_);
  for (std::size_t at = stretch.find(opening_.bytes, pos); at != std::string_view::npos;
       at = stretch.find(opening_.bytes, at + 1)) {
    if (opening_.at_word_start && !finder::word_starts_at(text_, at)) continue;
    if (regex_.Match(input, at, to_, RE2::ANCHOR_START, groups, count)) return true;
    if (--failed_calls_left_ <= 0)
      return regex_.Match(input, at, to_, RE2::UNANCHORED, groups, count);
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
