#include "common/anonymizer/secret_finders.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <tuple>
#include <utility>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using finder::npos;

using finder::folded_word_length;
using finder::kKelvin;
using finder::kLongS;

// Lower-case words looked for as `(?i)` reads them. `may_open` tells from a place's first two
// bytes, with one table lookup and one branch that random text rarely takes, whether a word
// may open there: per first byte (either case of a word's first letter, or the lead byte of
// U+017F or U+212A, which may stand for `s` or `k`), a mask of the second bytes its words may
// have, in either case, modulo 64.
template <std::size_t N>
struct FoldedWords {
  std::array<std::string_view, N> words;
  std::array<std::uint64_t, 256> seconds{};

  constexpr explicit FoldedWords(const std::array<std::string_view, N>& list) : words(list) {
    for (auto word : words) {
      std::uint64_t second = either_case_bits(word[1]);
      if (word[1] == 's') second |= byte_bit(kLongS[0]);
      if (word[1] == 'k') second |= byte_bit(kKelvin[0]);
      seconds[static_cast<unsigned char>(word[0])] |= second;
      seconds[static_cast<unsigned char>(ascii_upper(word[0]))] |= second;
    }
    seconds[static_cast<unsigned char>(kLongS[0])] = ~std::uint64_t{0};
    seconds[static_cast<unsigned char>(kKelvin[0])] = ~std::uint64_t{0};
  }
  constexpr bool may_open(std::string_view text, std::size_t pos) const {
    if (pos + 1 >= text.size()) return false;  // every word has two bytes or more
    return (seconds[static_cast<unsigned char>(text[pos])] & byte_bit(text[pos + 1])) != 0;
  }
};

constexpr FoldedWords kSecretWords(std::array<std::string_view, 7>{"pass", "pwd", "secret", "token",
                                                                   "key", "auth", "credential"});
constexpr FoldedWords kMentionWords(std::array<std::string_view, 7>{
    "bearer", "token", "key", "secret", "password", "passwd", "credential"});
constexpr FoldedWords kMentionVerbs(std::array<std::string_view, 4>{"is", "was", "of", "for"});
constexpr FoldedWords kAuthorizationSchemes(std::array<std::string_view, 7>{
    "basic", "bearer", "token", "digest", "ssws", "apikey", "key"});

// `[A-Za-z0-9_+/=.~!#&*-]`, what a mentioned value is made of.
constexpr std::array<bool, 256> kValueBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c)
    table[static_cast<std::size_t>(c)] = is_ascii_alnum(static_cast<char>(c));
  for (char c : std::string_view("_+/=.~!#&*-"))
    table[static_cast<unsigned char>(c)] = true;
  return table;
}();
bool is_value_byte(char c) {
  return kValueBytes[static_cast<unsigned char>(c)];
}

// The byte length of the first of `words` at `pos`, 0 if none is; only the words that open
// with its letter are compared. No two of a list's words can both match at one place.
template <std::size_t N>
std::size_t folded_word_among(std::string_view text, std::size_t pos, const FoldedWords<N>& list) {
  if (!list.may_open(text, pos)) return 0;
  char first = ascii_lower(text[pos]);
  if (first == kLongS[0]) first = 's';
  if (first == kKelvin[0]) first = 'k';
  for (auto word : list.words)
    if (word[0] == first)
      if (std::size_t length = folded_word_length(text, pos, word)) return length;
  return 0;
}

// The leftmost start, at or after `from`, of a match whose key ends at `key_end`: a `\b` in
// the key no later than the start of its last secret word. npos if there is none.
std::size_t leftmost_key_start(std::string_view text, std::size_t from, std::size_t key_end) {
  // One pass back over the key finds its last secret word and its first character.
  std::size_t last_word = npos;
  std::size_t key_begin = key_end;
  auto key_char_before = [&](std::size_t end) {
    return finder::folded_char_before(text, end, finder::is_name_byte);
  };
  for (std::size_t length; key_begin > from && (length = key_char_before(key_begin)) > 0;) {
    key_begin -= length;
    if (last_word != npos || !kSecretWords.may_open(text, key_begin)) continue;
    std::size_t word = folded_word_among(text, key_begin, kSecretWords);
    if (word != 0 && key_begin + word <= key_end) last_word = key_begin;
  }
  if (last_word == npos) return npos;
  for (std::size_t at = key_begin; at <= last_word;) {
    if (finder::word_boundary(text, at)) return at;
    at += finder::folded_char_at(text, at, finder::is_name_byte);
  }
  return npos;
}

// `[ \t:=]+[`'"]?([A-Za-z0-9][A-Za-z0-9_+/=.~!#&*-]{11,})` from `pos`: the value, or
// {npos, npos}. Every part is a whole run: a shorter one would leave a byte that cannot open
// the next part.
std::pair<std::size_t, std::size_t> mentioned_value(std::string_view text, std::size_t pos) {
  std::size_t value = finder::run_end(
      text, pos, [](char c) { return c == ' ' || c == '\t' || c == ':' || c == '='; });
  if (value == pos) return {npos, npos};
  if (value < text.size() && (text[value] == '`' || text[value] == '\'' || text[value] == '"'))
    ++value;
  std::size_t at = value;
  std::size_t length = finder::folded_char_at(text, at, is_ascii_alnum);
  if (length == 0) return {npos, npos};
  at += length;
  std::size_t characters = 0;
  for (; (length = finder::folded_char_at(text, at, is_value_byte)) > 0; at += length)
    ++characters;
  if (characters < 11) return {npos, npos};
  return {value, at};
}

// `[a-z0-9-]` under `(?i)`: what a flag's name is made of.
bool is_flag_byte(char c) {
  return is_ascii_alnum(c) || c == '-';
}

// Whether the `(?i)[a-z0-9-]*` run from `from` holds a secret word; where the run ends.
std::pair<bool, std::size_t> flag_name(std::string_view text, std::size_t from) {
  bool named = false;
  std::size_t at = from;
  for (std::size_t length; (length = finder::folded_char_at(text, at, is_flag_byte)) > 0;
       at += length)
    named = named ||
            (kSecretWords.may_open(text, at) && folded_word_among(text, at, kSecretWords) != 0);
  return {named, at};
}

}  // namespace

bool find_secret_mention(std::string_view text, std::size_t pos, std::size_t& start,
                         std::size_t& end) {
  for (std::size_t at = pos; at < text.size(); ++at) {
    if (!kMentionWords.may_open(text, at) || !finder::word_boundary(text, at)) continue;
    std::size_t word = folded_word_among(text, at, kMentionWords);
    if (word == 0) continue;
    std::size_t after = at + word + folded_word_length(text, at + word, "s");
    // `\s+(?:is|was|of|for)` when it leads to a value, else straight to the value.
    std::size_t spaces = finder::run_end(text, after, finder::is_space);
    std::size_t verb = spaces > after ? folded_word_among(text, spaces, kMentionVerbs) : 0;
    auto value = verb != 0 ? mentioned_value(text, spaces + verb) : std::pair{npos, npos};
    if (value.first == npos) value = mentioned_value(text, after);
    if (value.first != npos) {
      std::tie(start, end) = value;
      return true;
    }
  }
  return false;
}

bool find_secret_assignment(std::string_view text, std::size_t pos, std::size_t& start,
                            std::size_t& end) {
  // Every match holds its operator's first byte, `:` or `=`, after the key, an optional quote
  // and blanks. A key lies wholly before its operator and holds neither byte, so the first
  // operator with a match before it gives the leftmost match.
  std::size_t colon = finder::next_byte(text, pos, ':');
  std::size_t equals = finder::next_byte(text, pos, '=');
  while (colon != npos || equals != npos) {
    std::size_t at = std::min(colon, equals);
    if (at == colon)
      colon = finder::next_byte(text, at + 1, ':');
    else
      equals = finder::next_byte(text, at + 1, '=');
    std::size_t key_end = at;
    while (key_end > pos && finder::is_blank(text[key_end - 1]))
      --key_end;
    if (key_end > pos && (text[key_end - 1] == '"' || text[key_end - 1] == '\'')) --key_end;
    std::size_t first = leftmost_key_start(text, pos, key_end);
    if (first == npos) continue;
    std::string_view two = text.substr(at, 2);
    std::size_t operator_end = two == ":=" || two == "=>" ? at + 2 : at + 1;
    start = first;
    end = finder::run_end(text, operator_end, finder::is_blank);
    return true;
  }
  return false;
}

// A flag opens with `-` after a blank or a line break; its name is one run of flag characters
// (every secret word is made of them, so the word lies inside the run), and only an `=` or a
// blank after the whole run lets the match end.
bool find_secret_flag(std::string_view text, std::size_t pos, std::size_t& start,
                      std::size_t& end) {
  for (std::size_t dash = finder::next_byte(text, pos + 1, '-'); dash != npos;
       dash = finder::next_byte(text, dash + 1, '-')) {
    char before = text[dash - 1];
    if (before != ' ' && before != '\t' && before != '\n') continue;
    auto [named, name_end] = flag_name(text, dash + 1);
    if (!named) continue;
    std::size_t after = name_end < text.size() && text[name_end] == '='
                            ? name_end + 1
                            : finder::run_end(text, name_end, finder::is_blank);
    if (after == name_end) continue;
    start = dash - 1;
    end = after;
    return true;
  }
  return false;
}

// `default` or `value` opens with `\b`; the optional quote, the blanks and the operator each
// leave no choice.
bool find_named_value(std::string_view text, std::size_t pos, std::size_t& start,
                      std::size_t& end) {
  for (std::size_t at = pos; at < text.size(); ++at) {
    if ((text[at] != 'd' && text[at] != 'v') || !finder::word_starts_at(text, at)) continue;
    std::size_t word = text.substr(at, 7) == "default" ? 7 : text.substr(at, 5) == "value" ? 5 : 0;
    if (word == 0) continue;
    std::size_t op = at + word;
    if (op < text.size() && (text[op] == '"' || text[op] == '\'')) ++op;
    op = finder::run_end(text, op, finder::is_blank);
    if (op >= text.size() || (text[op] != '=' && text[op] != ':')) continue;
    start = at;
    end = finder::run_end(text, op + 1, finder::is_blank);
    return true;
  }
  return false;
}

// Every match opens with `authorization:`, found from its `:`. The blanks, the scheme and the value
// are each a whole run: a shorter one would leave a byte that cannot open the next part.
bool find_authorization_header(std::string_view text, std::size_t pos, std::size_t& start,
                               std::size_t& end) {
  constexpr std::string_view kHeader = "authorization";
  constexpr std::size_t kMinValue = 8;
  auto is_header_value_byte = [](char c) {
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' ||
           c == '=' || c == '-';
  };
  for (std::size_t colon = finder::next_byte(text, pos + kHeader.size(), ':'); colon != npos;
       colon = finder::next_byte(text, colon + 1, ':')) {
    std::size_t header = colon - kHeader.size();
    if (!finder::word_starts_at(text, header) || folded_word_length(text, header, kHeader) == 0)
      continue;
    std::size_t scheme = finder::run_end(text, colon + 1, finder::is_space);
    std::size_t scheme_length = folded_word_among(text, scheme, kAuthorizationSchemes);
    if (scheme_length == 0) continue;
    std::size_t value = finder::run_end(text, scheme + scheme_length, finder::is_space);
    if (value == scheme + scheme_length) continue;
    std::size_t at = value, characters = 0;
    for (std::size_t length; (length = finder::folded_char_at(text, at, is_header_value_byte)) > 0;
         at += length)
      ++characters;
    if (characters < kMinValue) continue;
    start = value;
    end = at;
    return true;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
