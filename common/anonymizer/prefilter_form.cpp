#include "common/anonymizer/prefilter_form.hpp"

#include <string_view>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

// Whether `pattern[pos]` is escaped by an odd number of backslashes before it.
bool escaped(const std::string& pattern, std::size_t pos) {
  std::size_t slashes = 0;
  while (pos > slashes && pattern[pos - 1 - slashes] == '\\')
    ++slashes;
  return slashes % 2 == 1;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The start of the single-character atom that ends just before `end`, if it cannot match a
// line break; npos otherwise (a group, a dot, `\s`, or a class that may hold `\n`).
std::size_t atom_start(const std::string& pattern, std::size_t end) {
  if (end == 0) return std::string::npos;
  char last = pattern[end - 1];
  if (last == ']' && !escaped(pattern, end - 1)) {
    std::size_t open = pattern.rfind('[', end - 1);
    if (open == std::string::npos || escaped(pattern, open)) return std::string::npos;
    std::string_view body(pattern.data() + open + 1, end - open - 2);
    if (contains(body, "[") || contains(body, "\\p") || contains(body, "\\P"))
      return std::string::npos;
    bool negated = !body.empty() && body[0] == '^';
    bool names_space = contains(body, "\\s") || contains(body, "\\n");
    if (negated ? !names_space
                : names_space || contains(body, "\\D") || contains(body, "\\W") ||
                      contains(body, "\\v") || contains(body, "\\x"))
      return std::string::npos;
    return open;
  }
  if (end >= 2 && escaped(pattern, end - 1)) {
    // `\d`, `\w`, `\S` and escaped punctuation; not `\s`, `\D`, `\W`, `\n` or `\pL`.
    if (std::string_view("sDWnvpPxCRNX").find(last) != std::string_view::npos)
      return std::string::npos;
    return end - 2;
  }
  // A plain character, not the end of a longer escape (`\pL`, `\x41`) or of a UTF-8 sequence.
  bool plain = is_ascii_alnum(last) ||
               std::string_view("=-_:/@#%&~!,;<>'\"` ").find(last) != std::string_view::npos;
  std::size_t from = end >= 4 ? end - 4 : 0;
  if (!plain ||
      std::string_view(pattern).substr(from, end - 1 - from).find('\\') != std::string_view::npos)
    return std::string::npos;
  return end - 1;
}

// How many literal characters (letters, digits, `_`, `-`, or an escaped punctuation mark, each
// matched once) end `pattern` just before `end`.
std::size_t literal_run_before(const std::string& pattern, std::size_t end) {
  std::size_t count = 0;
  for (; end > 0; ++count) {
    char last = pattern[end - 1];
    if (escaped(pattern, end - 1)) {
      if (is_ascii_alnum(last)) break;  // `\d`, `\b`, `\x41`: a class, an assertion or a code
      end -= 2;
    } else if (is_ascii_alnum(last) || last == '_' || last == '-') {
      end -= 1;
    } else {
      break;
    }
  }
  return count;
}

}  // namespace

std::string prefilter_form(std::string pattern) {
  std::string closers;  // `)` of the groups the tail sits in, put back at the end
  while (!pattern.empty()) {
    std::size_t end = pattern.size();
    char last = pattern[end - 1];
    if (escaped(pattern, end - 1)) {
      if (last != 'b') break;
      pattern.resize(end - 2);  // a trailing `\b`
      continue;
    }
    if (last == ')') {
      closers.insert(closers.begin(), ')');
      pattern.pop_back();
      continue;
    }
    std::size_t quantifier = end - 1;
    std::size_t min = 1;
    bool bounded_by_min = false;
    if (last == '+') {
      min = 1;
    } else if (last == '*' || last == '?') {
      min = 0;
    } else if (last == '}') {
      quantifier = pattern.rfind('{');
      if (quantifier == std::string::npos) break;
      std::string_view range(pattern.data() + quantifier + 1, end - quantifier - 2);
      if (range.empty() || range.find_first_not_of("0123456789,") != std::string_view::npos ||
          range[0] == ',')
        break;
      min = std::stoul(std::string(range.substr(0, range.find(','))));
      bounded_by_min = true;
    } else {
      break;
    }
    if (quantifier > 0 && (pattern[quantifier - 1] == '+' || pattern[quantifier - 1] == '*' ||
                           pattern[quantifier - 1] == '?' || pattern[quantifier - 1] == '}'))
      break;  // a lazy or possessive quantifier, or a quantified quantifier
    std::size_t atom = atom_start(pattern, quantifier);
    if (atom == std::string::npos) break;
    if (min == 0) {
      pattern.resize(atom);
      continue;
    }
    // After a literal of three characters or more (a token's prefix) the run goes whole: the
    // literal alone is rare enough in prose, while a counted run is an engine Hyperscan runs
    // at every place the literal occurs, which in a config paste is most of them.
    if (literal_run_before(pattern, atom) >= 3) {
      pattern.resize(atom);
      break;
    }
    pattern.resize(quantifier);
    if (bounded_by_min && min > 1) pattern += "{" + std::to_string(min) + "}";
    break;
  }
  // Groups emptied by the cut still compile: `()` matches the empty string.
  return pattern + closers;
}

}  // namespace hindsight::common::anonymizer
