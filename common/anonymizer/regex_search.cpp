#include "common/anonymizer/regex_search.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <string>

#include "common/anonymizer/finder_support.hpp"
#include "common/anonymizer/pattern_syntax.hpp"
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

// Whether a quantifier stands at `at` of `pattern`, after an atom ending there.
bool quantified_at(std::string_view pattern, std::size_t at) {
  return at < pattern.size() && is_quantifier(pattern[at]);
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

// The literal bytes `pattern` opens with: printable ASCII that is no operator, or an escaped
// punctuation mark, up to the first operator, less one that a quantifier makes optional (or
// repeats, where what follows it is then not sure to come next). `used` is set to the length of
// the pattern read.
std::string literal_prefix(std::string_view pattern, std::size_t& used) {
  std::string literal;
  used = 0;
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
    if (quantified_at(pattern, at)) break;
    literal += c;
    used = at;
  }
  return literal;
}

// A class this small is spelled out, each member opening its own literal.
constexpr std::size_t kMaxClassSpelled = 8;
// More literals than this are not worth a pass that compares each.
constexpr std::size_t kMaxLiterals = 32;
// Steps of reading a pattern's literals: a few for each literal kept.
constexpr std::size_t kReadingBudget = 8 * kMaxLiterals;

// Appends to `out` each literal a match of `pattern` opens with, after `prefix`: its literal
// bytes, then where a small class or a group follows unrepeated, once for each member or
// alternative, read on with what follows; an optional group `(?:X)?` both with and without `X`.
// False when they come to more than kMaxLiterals, or the reading to more than `budget` steps
// (alternatives that spell the same literal again and again would multiply them unbounded).
bool append_literals(std::string_view pattern, std::string prefix, std::vector<std::string>& out,
                     std::size_t& budget) {
  if (budget == 0) return false;
  --budget;
  std::size_t used = 0;
  prefix += literal_prefix(pattern, used);
  std::string_view rest = pattern.substr(used);
  auto read_on = [&](std::string_view head, std::size_t end, const std::string& after) {
    return append_literals(std::string(head) + std::string(rest.substr(end)), prefix + after, out,
                           budget);
  };
  if (rest.starts_with("(?:")) {
    auto group = leading_group(rest);
    bool optional = group && quantified_at(rest, group->end) && rest[group->end] == '?' &&
                    !quantified_at(rest, group->end + 1);
    if (group && (optional || !quantified_at(rest, group->end))) {
      std::size_t end = group->end + (optional ? 1 : 0);
      for (auto alternative : group->alternatives)
        if (!read_on(alternative, end, "")) return false;
      return !optional || read_on("", end, "");
    }
  } else if (auto klass = ascii_class_at(rest); klass && klass->bytes.count() <= kMaxClassSpelled &&
                                                !quantified_at(rest, klass->length)) {
    for (std::size_t member = 0; member < klass->bytes.size(); ++member)
      if (klass->bytes[member] &&
          !read_on("", klass->length, std::string(1, static_cast<char>(member))))
        return false;
    return true;
  }
  if (std::find(out.begin(), out.end(), prefix) == out.end()) out.push_back(std::move(prefix));
  return out.size() <= kMaxLiterals;
}

// The bytes a match holds before its literals, where that is one length: ASCII classes and
// `\d`, each once or a counted number of times (`[A-Za-z0-9]{14}`). `used` is set to the length
// of the pattern read.
std::size_t fixed_width_head(std::string_view pattern, std::size_t& used) {
  std::size_t width = 0;
  used = 0;
  for (std::string_view rest = pattern; !rest.empty(); rest = pattern.substr(used)) {
    std::size_t atom = 0;
    if (rest.starts_with("\\d"))
      atom = 2;
    else if (auto klass = ascii_class_at(rest))
      atom = klass->length;
    else
      break;
    Counts once{1, 1, 0};
    auto counts = rest.size() > atom && rest[atom] == '{' ? counts_at(rest.substr(atom)) : once;
    if (!counts || counts->min != counts->max || quantified_at(rest, atom + counts->length)) break;
    width += counts->min;
    used += atom + counts->length;
  }
  return width;
}

}  // namespace

Opening opening_of(std::string_view pattern) {
  if (has_top_level_alternation(pattern)) return {};
  std::string_view rest = pattern;
  bool word_boundary = rest.starts_with("\\b");
  if (word_boundary) rest.remove_prefix(2);
  auto all_long_enough = [](const std::vector<std::string>& literals) {
    return !literals.empty() && std::all_of(literals.begin(), literals.end(),
                                            [](const auto& l) { return l.size() >= kMinOpening; });
  };
  Opening opening;
  std::size_t budget = kReadingBudget;
  if (!append_literals(rest, "", opening.literals, budget) || !all_long_enough(opening.literals)) {
    // Literals a known number of bytes into the match: `\b[A-Za-z0-9]{14}\.atlasv1\.`.
    std::size_t used = 0;
    opening = Opening{};
    opening.offset = fixed_width_head(rest, used);
    budget = kReadingBudget;
    if (opening.offset == 0 || !append_literals(rest.substr(used), "", opening.literals, budget) ||
        !all_long_enough(opening.literals))
      return {};
  }
  for (const auto& literal : opening.literals)
    opening.opens[static_cast<unsigned char>(literal[0])] = true;
  opening.at_word_start = word_boundary && opening.offset == 0 &&
                          std::all_of(opening.literals.begin(), opening.literals.end(),
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
  std::size_t offset = opening_.offset;
  if (from > stretch.size() || offset > stretch.size() - from) return finder::npos;
  if (literals.size() == 1) {
    for (std::size_t at = finder::next_byte(stretch, from + offset, literals[0][0]);
         at != finder::npos; at = finder::next_byte(stretch, at + 1, literals[0][0]))
      if (opens_at(literals[0], at)) return at - offset;
    return finder::npos;
  }
  for (std::size_t at = from + offset; at < stretch.size(); ++at) {
    if (!opening_.opens[static_cast<unsigned char>(stretch[at])]) continue;
    for (const auto& literal : literals)
      if (opens_at(literal, at)) return at - offset;
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
