#include "common/anonymizer/secret_finders.hpp"

#include <array>
#include <utility>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using finder::npos;

using finder::kKelvin;
using finder::kLongS;
constexpr std::array<std::string_view, 7> kSecretWords = {"pass", "pwd",  "secret",    "token",
                                                          "key",  "auth", "credential"};

// The bytes a secret word may open with, in any case or folding.
constexpr std::array<bool, 256> kOpensWord = [] {
  std::array<bool, 256> opens{};
  for (auto word : kSecretWords) {
    opens[static_cast<unsigned char>(word[0])] = true;
    opens[static_cast<unsigned char>(word[0] - 'a' + 'A')] = true;
  }
  opens[static_cast<unsigned char>(kLongS[0])] = true;
  opens[static_cast<unsigned char>(kKelvin[0])] = true;
  return opens;
}();

// The bytes a mention's word may open with.
constexpr std::array<bool, 256> kOpensMention = [] {
  std::array<bool, 256> opens{};
  for (char c : std::string_view("btkspcBTKSPC"))
    opens[static_cast<unsigned char>(c)] = true;
  opens[static_cast<unsigned char>(kLongS[0])] = true;
  opens[static_cast<unsigned char>(kKelvin[0])] = true;
  return opens;
}();

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// The byte length of `word` (lower case) at `pos`, compared as (?i) does, 0 if it is not there.
std::size_t folded_word_length(std::string_view text, std::size_t pos, std::string_view word) {
  std::size_t at = pos;
  for (char letter : word) {
    if (at >= text.size()) return 0;
    char c = text[at];
    if (ascii_lower(c) == letter) {
      ++at;
      continue;
    }
    std::string_view folding = letter == 's' ? kLongS : letter == 'k' ? kKelvin : "";
    if (folding.empty() || c != folding[0] || text.substr(at, folding.size()) != folding) return 0;
    at += folding.size();
  }
  return at - pos;
}

// Whether `word` starts at `pos` and ends by `end`.
bool word_at(std::string_view text, std::size_t pos, std::size_t end, std::string_view word) {
  std::size_t length = folded_word_length(text, pos, word);
  return length != 0 && pos + length <= end;
}

// Whether a secret word starts at `pos`: only the words that open with its letter are compared.
bool secret_word_at(std::string_view text, std::size_t pos, std::size_t end) {
  char first = ascii_lower(text[pos]);
  if (first == kLongS[0]) first = 's';
  if (first == kKelvin[0]) first = 'k';
  for (auto word : kSecretWords)
    if (word[0] == first && word_at(text, pos, end, word)) return true;
  return false;
}

// The leftmost start, at or after `from`, of a match whose key ends at `key_end`: a `\b` in
// the key no later than the start of its last secret word. npos if there is none.
std::size_t leftmost_key_start(std::string_view text, std::size_t from, std::size_t key_end) {
  // One pass back over the key finds its last secret word and its first character.
  std::size_t last_word = npos;
  std::size_t key_begin = key_end;
  for (std::size_t length;
       key_begin > from && (length = finder::folded_name_char_before(text, key_begin)) > 0;) {
    key_begin -= length;
    if (last_word == npos && kOpensWord[static_cast<unsigned char>(text[key_begin])] &&
        secret_word_at(text, key_begin, key_end))
      last_word = key_begin;
  }
  if (last_word == npos) return npos;
  for (std::size_t at = key_begin; at <= last_word;) {
    if (finder::word_boundary(text, at)) return at;
    at += text[at] == kLongS[0] ? kLongS.size() : text[at] == kKelvin[0] ? kKelvin.size() : 1;
  }
  return npos;
}

// The character at `pos` if it is one of `ascii` (bytes, compared as they are) or a letter that
// (?i) folds from U+017F or U+212A: its length, else 0.
std::size_t folded_letter_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (is_ascii_alnum(text[pos])) return 1;
  for (auto folding : {kLongS, kKelvin})
    if (text.substr(pos, folding.size()) == folding) return folding.size();
  return 0;
}

constexpr std::array<std::string_view, 7> kMentionWords = {
    "bearer", "token", "key", "secret", "password", "passwd", "credential"};

// `(?i)[A-Za-z0-9_+/=.~!#&*-]`: the length of the value character at `pos`, 0 if none.
std::size_t value_char_at(std::string_view text, std::size_t pos) {
  if (pos < text.size() && std::string_view("_+/=.~!#&*-").find(text[pos]) != npos) return 1;
  return folded_letter_at(text, pos);
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
  std::size_t length = folded_letter_at(text, at);
  if (length == 0) return {npos, npos};
  at += length;
  std::size_t characters = 0;
  for (; (length = value_char_at(text, at)) > 0; at += length)
    ++characters;
  if (characters < 11) return {npos, npos};
  return {value, at};
}

}  // namespace

bool find_secret_mention(std::string_view text, std::size_t pos, std::size_t& start,
                         std::size_t& end) {
  for (std::size_t at = pos; at < text.size(); ++at) {
    if (!kOpensMention[static_cast<unsigned char>(text[at])] || !finder::word_boundary(text, at))
      continue;
    std::size_t word_end = npos;
    char first = ascii_lower(text[at]);
    if (first == kLongS[0]) first = 's';
    if (first == kKelvin[0]) first = 'k';
    for (auto word : kMentionWords) {
      std::size_t length = word[0] == first ? folded_word_length(text, at, word) : 0;
      if (length != 0) {
        word_end = at + length;
        break;
      }
    }
    if (word_end == npos) continue;
    std::size_t after = word_end + folded_word_length(text, word_end, "s");
    // `\s+(?:is|was|of|for)` when it leads to a value, else straight to the value.
    std::size_t spaces = finder::run_end(text, after, [](char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    });
    if (spaces > after) {
      for (std::string_view verb : {"is", "was", "of", "for"}) {
        std::size_t length = folded_word_length(text, spaces, verb);
        if (length == 0) continue;
        auto [value, value_end] = mentioned_value(text, spaces + length);
        if (value != npos) {
          start = value;
          end = value_end;
          return true;
        }
        break;
      }
    }
    auto [value, value_end] = mentioned_value(text, after);
    if (value != npos) {
      start = value;
      end = value_end;
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
    while (key_end > pos && is_blank(text[key_end - 1]))
      --key_end;
    if (key_end > pos && (text[key_end - 1] == '"' || text[key_end - 1] == '\'')) --key_end;
    std::size_t first = leftmost_key_start(text, pos, key_end);
    if (first == npos) continue;
    std::string_view two = text.substr(at, 2);
    std::size_t operator_end = two == ":=" || two == "=>" ? at + 2 : at + 1;
    start = first;
    end = finder::run_end(text, operator_end, is_blank);
    return true;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
