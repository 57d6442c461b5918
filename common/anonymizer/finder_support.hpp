// What the hand-written finders share: RE2's notion of a word byte and of `\b`, byte runs, and
// memchr to jump to the one byte every match of a pattern must hold.
#pragma once

#include <cstring>
#include <string_view>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer::finder {

inline constexpr auto npos = std::string_view::npos;

// RE2's `\w`, which decides `\b`: ASCII letters, digits and `_`.
constexpr bool is_word(char c) {
  return is_ascii_alnum(c) || c == '_';
}

// RE2's `\s`: `[\t\n\f\r ]`.
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// RE2's `\S`.
constexpr bool is_non_space(char c) {
  return !is_space(c);
}

// `[ \t]`: the blanks within a line.
constexpr bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

constexpr bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// RE2's `\b` at `pos`, reading the byte before it even when a search starts there.
inline bool word_boundary(std::string_view text, std::size_t pos) {
  bool before = pos > 0 && is_word(text[pos - 1]);
  bool after = pos < text.size() && is_word(text[pos]);
  return before != after;
}

// Whether a match opening with a word byte at `pos` may start there (`\b` before it).
inline bool word_starts_at(std::string_view text, std::size_t pos) {
  return pos == 0 || !is_word(text[pos - 1]);
}

template <typename Predicate>
std::size_t run_end(std::string_view text, std::size_t pos, Predicate in_run) {
  while (pos < text.size() && in_run(text[pos]))
    ++pos;
  return pos;
}

// The start of the run of `in_run` bytes that ends at `end`, not before `floor`.
template <typename Predicate>
std::size_t run_start(std::string_view text, std::size_t end, std::size_t floor, Predicate in_run) {
  while (end > floor && in_run(text[end - 1]))
    --end;
  return end;
}

// Finds runs of `in_run` bytes at least `min_length` long by probing `min_length - 1` bytes
// ahead: where that byte is no run byte, no such run starts in the next `min_length` positions.
// `accept(first, last)` is asked of each run through a probe (`first` not before the probed
// stretch) and ends the search by returning true. No run starts before `pos`'s stretch.
template <typename InRun, typename Accept>
bool probe_runs(std::string_view text, std::size_t pos, std::size_t min_length, InRun in_run,
                Accept accept) {
  std::size_t i = pos;
  while (i + min_length <= text.size()) {
    std::size_t probe = i + min_length - 1;
    if (!in_run(text[probe])) {
      i += min_length;
      continue;
    }
    std::size_t first = run_start(text, probe, i, in_run);
    std::size_t last = run_end(text, probe + 1, in_run);
    if (accept(first, last)) return true;
    i = last + 1;  // the byte at `last` is no run byte, so opens nothing
  }
  return false;
}

// An ASCII class under `(?i)` as RE2 reads it: the class's bytes, and the two characters its
// case folding adds, U+017F (folds to `s`) and U+212A (folds to `k`). Every class the finders
// fold holds both letters.
inline constexpr std::string_view kLongS = "\xC5\xBF";
inline constexpr std::string_view kKelvin = "\xE2\x84\xAA";
// The byte length of U+017F or U+212A at `pos`, 0 if neither is there.
inline std::size_t folding_at(std::string_view text, std::size_t pos) {
  for (auto folding : {kLongS, kKelvin})
    if (text.substr(pos, folding.size()) == folding) return folding.size();
  return 0;
}
// The byte length of such a character at `pos`, or of the one ending at `end`; 0 if none.
// The walks over runs call this for every byte, so its ASCII test is inlined into each.
template <typename AsciiClass>
[[gnu::always_inline]] inline std::size_t folded_char_at(std::string_view text, std::size_t pos,
                                                         AsciiClass in_class) {
  if (pos >= text.size()) return 0;
  if (in_class(text[pos])) return 1;
  return static_cast<unsigned char>(text[pos]) < 0x80 ? 0 : folding_at(text, pos);
}
template <typename AsciiClass>
std::size_t folded_char_before(std::string_view text, std::size_t end, AsciiClass in_class) {
  if (end == 0) return 0;
  if (in_class(text[end - 1])) return 1;
  if (static_cast<unsigned char>(text[end - 1]) < 0x80) return 0;
  for (auto folding : {kLongS, kKelvin})
    if (end >= folding.size() && text.substr(end - folding.size(), folding.size()) == folding)
      return folding.size();
  return 0;
}

// The byte length of `word` (lower case) at `pos`, compared as (?i) does, 0 if it is not there.
// Bytes that are no ASCII letter (a space, `’`'s) are compared as they are.
inline std::size_t folded_word_length(std::string_view text, std::size_t pos,
                                      std::string_view word) {
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

// The same for `word` ending at `end`.
inline std::size_t folded_word_length_before(std::string_view text, std::size_t end,
                                             std::string_view word) {
  std::size_t at = end;
  for (auto letter = word.rbegin(); letter != word.rend(); ++letter) {
    if (at == 0) return 0;
    if (ascii_lower(text[at - 1]) == *letter) {
      --at;
      continue;
    }
    std::string_view folding = *letter == 's' ? kLongS : *letter == 'k' ? kKelvin : "";
    if (folding.empty() || at < folding.size() ||
        text.substr(at - folding.size(), folding.size()) != folding)
      return 0;
    at -= folding.size();
  }
  return end - at;
}

// `[A-Za-z0-9._%+-]`: the local part of an e-mail address, where no @handle starts.
constexpr bool is_mailbox_byte(char c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// `[a-z0-9_.-]`, which keys and IPv6 zones are made of.
constexpr bool is_name_byte(char c) {
  return is_ascii_alnum(c) || c == '_' || c == '.' || c == '-';
}

// The next `byte` at or after `from`, or npos.
inline std::size_t next_byte(std::string_view text, std::size_t from, char byte) {
  if (from >= text.size()) return npos;
  const void* found = std::memchr(text.data() + from, byte, text.size() - from);
  return found == nullptr ? npos
                          : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
}

}  // namespace hindsight::common::anonymizer::finder
