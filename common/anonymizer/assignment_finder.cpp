#include "common/anonymizer/assignment_finder.hpp"

#include <array>

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

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Whether `word` (lower case) starts at `pos`, compared as (?i) does, within [pos, end).
bool word_at(std::string_view text, std::size_t pos, std::size_t end, std::string_view word) {
  for (char letter : word) {
    if (pos >= end) return false;
    char c = text[pos];
    if (ascii_lower(c) == letter) {
      ++pos;
      continue;
    }
    std::string_view folding = letter == 's' ? kLongS : letter == 'k' ? kKelvin : "";
    if (folding.empty() || c != folding[0] || text.substr(pos, folding.size()) != folding)
      return false;
    pos += folding.size();
  }
  return pos <= end;
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

}  // namespace

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
