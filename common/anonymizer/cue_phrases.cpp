#include "common/anonymizer/cue_phrases.hpp"

#include <array>

#include "common/anonymizer/finder_support.hpp"
#include "common/anonymizer/unicode_classes.hpp"

// Every reader below is deterministic, which is why it can replace RE2's leftmost-first
// search: a name's words end where its letters do, because what may follow a name (a space
// and a lower-case word or "(", ", and ", the line's end) holds no letter; and a shorter name
// is always followed by " " and a capital, which no suffix starts with.
namespace hindsight::common::anonymizer {
namespace {

using finder::npos;

bool at(std::string_view text, std::size_t pos, std::string_view literal) {
  return text.substr(pos, literal.size()) == literal;
}

using finder::is_space;
using finder::is_word;
using finder::word_boundary;

std::size_t uppercase_letter_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  auto cp = decode_utf8_strictly(text, pos);
  return cp.length != 0 && is_uppercase_letter(cp.value) ? cp.length : 0;
}

// The end of the run of letters, numbers and `marks` from `pos`.
std::size_t letter_run_end(std::string_view text, std::size_t pos, std::string_view marks) {
  while (pos < text.size()) {
    if (marks.find(text[pos]) != npos) {
      ++pos;
      continue;
    }
    auto cp = decode_utf8_strictly(text, pos);
    if (cp.length == 0 || !is_letter_or_number(cp.value)) break;
    pos += cp.length;
  }
  return pos;
}

std::size_t spaces_end(std::string_view text, std::size_t pos) {
  return finder::run_end(text, pos, is_space);
}

// A phrase of one name from `start`, ended at `end` by what `suffix_end` reads after the name.
template <typename SuffixReader>
std::optional<CuePhrase> one_name(std::string_view text, std::size_t start,
                                  SuffixReader suffix_end) {
  auto name_end = capitalized_name_end(text, start);
  if (name_end == npos) return std::nullopt;
  auto end = suffix_end(text, name_end);
  if (end == npos) return std::nullopt;
  return CuePhrase{end, {text.substr(start, name_end - start), {}}, 1};
}

// A literal, then a word boundary.
std::size_t word_end(std::string_view text, std::size_t pos, std::string_view literal) {
  if (!at(text, pos, literal) || !word_boundary(text, pos + literal.size())) return npos;
  return pos + literal.size();
}

std::size_t request_end(std::string_view text, std::size_t pos) {
  if (at(text, pos, " opened ")) {
    pos += 8;
    if (at(text, pos, "a "))
      pos += 2;
    else if (at(text, pos, "several "))
      pos += 8;
    if (at(text, pos, "support ")) pos += 8;
    if (!at(text, pos, "ticket")) return npos;
    pos += 6;
    return pos < text.size() && text[pos] == 's' ? pos + 1 : pos;
  }
  constexpr std::array<std::string_view, 5> kRequests = {" escalated through", " is asking for",
                                                         " are asking for", " asked for an ETA",
                                                         " reported errors"};
  for (auto request : kRequests)
    if (at(text, pos, request)) return pos + request.size();
  return npos;
}

std::size_t suffering_end(std::string_view text, std::size_t pos) {
  if (at(text, pos, " down ")) {
    auto digits = pos + 6;
    auto unit = finder::run_end(text, digits, is_ascii_digit);
    if (unit == digits) return npos;
    if (unit < text.size() && text[unit] == ' ') ++unit;
    auto end = finder::run_end(text, unit, is_word);
    auto word = text.substr(unit, end - unit);
    bool minutes_or_hours =
        word == "m" || word == "min" || word == "minutes" || word == "h" || word == "hours";
    return minutes_or_hours ? end : npos;
  }
  constexpr std::array<std::string_view, 5> kSufferings = {
      " confirms recovery", " confirmed recovery", " lost data", " was impacted", " were impacted"};
  for (auto suffering : kSufferings)
    if (at(text, pos, suffering)) return pos + suffering.size();
  return npos;
}

}  // namespace

std::size_t name_word_end(std::string_view text, std::size_t pos) {
  auto capital = uppercase_letter_length(text, pos);
  return capital == 0 ? npos : letter_run_end(text, pos + capital, "&'-");
}

std::size_t capitalized_name_end(std::string_view text, std::size_t pos) {
  auto end = name_word_end(text, pos);
  for (int more = 0; more < 2 && end != npos && end < text.size() && text[end] == ' '; ++more) {
    auto next = name_word_end(text, end + 1);
    if (next == npos) break;
    end = next;
  }
  return end;
}

std::optional<CuePhrase> read_header(std::string_view text, std::size_t pos) {
  constexpr std::array<std::string_view, 5> kHeaders = {"Organization", "Organisation", "Company",
                                                        "Org", "Team"};
  pos = spaces_end(text, pos);
  for (auto header : kHeaders) {
    if (!at(text, pos, header)) continue;
    auto colon = spaces_end(text, pos + header.size());
    if (colon >= text.size() || text[colon] != ':') continue;
    auto name = spaces_end(text, colon + 1);
    auto end = capitalized_name_end(text, name);
    if (end != npos) return CuePhrase{end, {text.substr(name, end - name), {}}, 1};
  }
  return std::nullopt;
}

std::optional<CuePhrase> read_team(std::string_view text, std::size_t pos) {
  return one_name(text, pos,
                  [](std::string_view t, std::size_t p) { return word_end(t, p, " team"); });
}

std::optional<CuePhrase> read_project(std::string_view text, std::size_t pos) {
  if (!word_boundary(text, pos) || !at(text, pos, "Project ")) return std::nullopt;
  auto capital = uppercase_letter_length(text, pos + 8);
  if (capital == 0) return std::nullopt;
  auto end = letter_run_end(text, pos + 8 + capital, "-");
  if (end == pos + 8 + capital) return std::nullopt;
  return CuePhrase{end, {text.substr(pos, end - pos), {}}, 1};
}

std::optional<CuePhrase> read_account(std::string_view text, std::size_t pos) {
  return one_name(text, pos,
                  [](std::string_view t, std::size_t p) { return word_end(t, p, " (account"); });
}

std::optional<CuePhrase> read_two_requesters(std::string_view text, std::size_t pos) {
  auto first_end = capitalized_name_end(text, pos);
  if (first_end == npos) return std::nullopt;
  auto second = first_end;
  if (at(text, second, ", and "))
    second += 6;
  else if (at(text, second, " and "))
    second += 5;
  else
    return std::nullopt;
  auto second_end = capitalized_name_end(text, second);
  if (second_end == npos) return std::nullopt;
  auto end = request_end(text, second_end);
  if (end == npos) return std::nullopt;
  return CuePhrase{
      end, {text.substr(pos, first_end - pos), text.substr(second, second_end - second)}, 2};
}

std::optional<CuePhrase> read_requester(std::string_view text, std::size_t pos) {
  return one_name(text, pos, request_end);
}

std::optional<CuePhrase> read_sufferer(std::string_view text, std::size_t pos) {
  return one_name(text, pos, suffering_end);
}

}  // namespace hindsight::common::anonymizer
