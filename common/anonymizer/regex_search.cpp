#include "common/anonymizer/regex_search.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "common/anonymizer/finder_support.hpp"
#include "common/anonymizer/token_pattern.hpp"

namespace hindsight::common::anonymizer {
namespace {

// Fewer bytes than this occur too often for one anchored call at each to pay.
constexpr std::size_t kMinOpening = 2;

constexpr std::string_view kOperators = "\\^$.|?*+()[]{}";

// Calls `visit(position, byte, depth)` for each byte of `pattern` outside escapes and character
// classes, `depth` counting the groups open around it (a group's own parentheses are outside
// it); stops when `visit` returns true.
template <typename Visit>
void visit_structure(std::string_view pattern, Visit visit) {
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
    } else {
      if (c == ')') --depth;
      if (visit(i, c, depth)) return;
      if (c == '(') ++depth;
    }
  }
}

bool has_top_level_alternation(std::string_view pattern) {
  bool found = false;
  visit_structure(pattern,
                  [&](std::size_t, char c, int depth) { return found = c == '|' && depth == 0; });
  return found;
}

bool is_quantifier(char c) {
  return c == '?' || c == '*' || c == '+' || c == '{';
}

// The literal bytes `pattern` opens with: printable ASCII that is no operator, or an escaped
// punctuation mark, up to the first operator, less one that a quantifier makes optional (or
// repeats, where what follows it is then not sure to come next).
std::string literal_prefix(std::string_view pattern) {
  std::string literal;
  for (std::size_t at = 0; at < pattern.size();) {
    char c = pattern[at];
    std::size_t length = 1;
    if (c == '\\') {
      if (at + 1 >= pattern.size() || is_ascii_alnum(pattern[at + 1]) ||
          static_cast<unsigned char>(pattern[at + 1]) >= 0x80)
        break;
      c = pattern[at + 1];
      length = 2;
    } else if (c < ' ' || c > '~' || kOperators.find(c) != std::string_view::npos) {
      break;
    }
    at += length;
    if (at < pattern.size() && is_quantifier(pattern[at])) break;
    literal += c;
  }
  return literal;
}

// The alternatives of the `(?:...)` group `pattern` opens with, and where the group ends.
struct Group {
  std::vector<std::string_view> alternatives;
  std::size_t end;
};
std::optional<Group> leading_group(std::string_view pattern) {
  std::optional<Group> found;
  Group group;
  std::size_t alternative = 3;  // after `(?:`
  visit_structure(pattern, [&](std::size_t i, char c, int depth) {
    bool closes = c == ')' && depth == 0;
    if ((c == '|' && depth == 1) || closes) {
      group.alternatives.push_back(pattern.substr(alternative, i - alternative));
      alternative = i + 1;
    }
    if (closes) {
      group.end = i + 1;
      found = group;
    }
    return closes;
  });
  return found;
}

}  // namespace

Opening opening_of(std::string_view pattern) {
  if (has_top_level_alternation(pattern)) return {};
  std::string_view rest = pattern;
  bool word_boundary = rest.starts_with("\\b");
  if (word_boundary) rest.remove_prefix(2);
  std::vector<std::string_view> starts = {rest};
  if (rest.starts_with("(?:")) {
    auto group = leading_group(rest);
    if (!group || (group->end < rest.size() && is_quantifier(rest[group->end]))) return {};
    starts = group->alternatives;
  }
  Opening opening;
  for (auto start : starts) {
    std::string literal = literal_prefix(start);
    if (literal.size() < kMinOpening) return {};
    opening.opens[static_cast<unsigned char>(literal[0])] = true;
    opening.literals.push_back(std::move(literal));
  }
  opening.at_word_start =
      word_boundary && std::all_of(opening.literals.begin(), opening.literals.end(),
                                   [](const std::string& l) { return finder::is_word(l[0]); });
  return opening;
}

std::size_t RegexSearch::next_opening(std::size_t from) const {
  std::string_view stretch = text_.substr(0, to_);
  // Every literal has two bytes or more; its first two are compared before the call for the
  // rest, which most places that share a first byte with it never need.
  auto opens_at = [&](const std::string& literal, std::size_t at) {
    return at + literal.size() <= stretch.size() && stretch[at] == literal[0] &&
           stretch[at + 1] == literal[1] && stretch.compare(at, literal.size(), literal) == 0;
  };
  const auto& literals = opening_.literals;
  if (literals.size() == 1) {
    for (std::size_t at = finder::next_byte(stretch, from, literals[0][0]); at != finder::npos;
         at = finder::next_byte(stretch, at + 1, literals[0][0]))
      if (opens_at(literals[0], at)) return at;
    return finder::npos;
  }
  for (std::size_t at = from; at < stretch.size(); ++at) {
    if (!opening_.opens[static_cast<unsigned char>(stretch[at])]) continue;
    for (const auto& literal : literals)
      if (opens_at(literal, at)) return at;
  }
  return finder::npos;
}

bool RegexSearch::matches_at(std::size_t at, re2::StringPiece* groups, int count) {
  if (token_ != nullptr && count == 1) {
    std::size_t end = token_->match_at(text_, at, to_);
    if (end == std::string_view::npos) return false;
    groups[0] = re2::StringPiece(text_.data() + at, end - at);
    return true;
  }
  re2::StringPiece input(text_.data(), text_.size());
  return regex_().Match(input, at, to_, RE2::ANCHOR_START, groups, count);
}

bool RegexSearch::next(std::size_t pos, re2::StringPiece* groups, int count) {
  re2::StringPiece input(text_.data(), text_.size());
  if (opening_.literals.empty() || failed_calls_left_ <= 0)
    return regex_().Match(input, pos, to_, RE2::UNANCHORED, groups, count);
  // A match holds its opening, so the opening ends by `to` too.
  for (std::size_t at = next_opening(pos); at != std::string_view::npos;
       at = next_opening(at + 1)) {
    if (opening_.at_word_start && !finder::word_starts_at(text_, at)) continue;
    if (matches_at(at, groups, count)) return true;
    if (--failed_calls_left_ <= 0)
      return regex_().Match(input, at, to_, RE2::UNANCHORED, groups, count);
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
