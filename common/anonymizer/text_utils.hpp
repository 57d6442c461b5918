// Byte-level text helpers for the detectors: UTF-8 decoding and boundaries, ASCII case folding,
// and splitting text into words (letters of any script and digits) with their byte offsets.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hindsight::common::anonymizer {

// Decodes the code point at `pos` and its byte length; invalid bytes decode as U+FFFD, length 1.
struct CodePoint {
  char32_t value;
  std::size_t length;
};
CodePoint decode_utf8(std::string_view text, std::size_t pos);

inline bool is_utf8_boundary(std::string_view text, std::size_t pos) {
  return pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

bool is_word_code_point(char32_t cp);   // a letter of any script or a digit
bool is_upper_code_point(char32_t cp);  // the case pairs of lower_code_point, below
bool is_cjk_code_point(char32_t cp);

constexpr bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}
constexpr bool is_ascii_hex(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
constexpr char ascii_upper(char c) {
  return is_ascii_lower(c) ? static_cast<char>(c - 32) : c;
}
// The two-byte word rule-outs (WordsInside, and the secret finders' FoldedWords) keep, per first
// byte, a mask of the second bytes modulo 64. A word's second byte goes in in either case, so
// that a place's second byte is tested as it stands (`byte_bit`), never lowered.
constexpr std::uint64_t byte_bit(char c) {
  return std::uint64_t{1} << (static_cast<unsigned char>(c) & 63u);
}
constexpr std::uint64_t either_case_bits(char c) {
  return byte_bit(ascii_lower(c)) | byte_bit(ascii_upper(c));
}
std::string ascii_lowercase(std::string_view text);
// The lower-case partner of an upper-case letter of the Latin, Greek, Cyrillic and Armenian
// blocks whose pairs have one UTF-8 length; any other code point as it is.
char32_t lower_code_point(char32_t cp);
// `text` with every such letter lowered: the same length and offsets as `text`, so a match
// found in the folded text is a match in the original at the same bytes.
std::string fold_case(std::string_view text);

// An ASCII-lower-cased copy of a short text, kept on the stack (on the heap only past its
// buffer): the validators fold every candidate they check.
class AsciiLowered {
 public:
  explicit AsciiLowered(std::string_view text);
  AsciiLowered(const AsciiLowered&) = delete;
  AsciiLowered& operator=(const AsciiLowered&) = delete;
  std::string_view view() const { return view_; }

 private:
  std::array<char, 256> buffer_;
  std::string heap_;
  std::string_view view_;
};
// Inline: the dictionary, the cue lists and occurrence propagation compare most words.
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

struct Word {
  std::size_t start;
  std::size_t end;
  bool capitalized;  // starts with an upper-case letter
  bool all_upper;    // every letter upper case (acronyms, initials)
  bool has_digit;
  bool cjk;
};
std::vector<Word> split_words(std::string_view text);

// Up to 32 words, each of two bytes or more, looked for inside texts in one pass, where a `find`
// per word would read each text once per word. A place is compared only where its first two
// bytes may open a word: the first picks the words, and a mask of their second bytes (in either
// case, modulo 64) rules out nearly every other place in one branch.
template <std::size_t N>
class WordsInside {
 public:
  constexpr explicit WordsInside(const std::array<std::string_view, N>& words) : words_(words) {
    static_assert(N <= 32);
    for (std::size_t w = 0; w < N; ++w) {
      if (words_[w].size() < 2) throw "WordsInside: a word of fewer than two bytes";
      for (char first : {ascii_lower(words_[w][0]), ascii_upper(words_[w][0])}) {
        auto index = static_cast<unsigned char>(first);
        openers_[index] |= std::uint32_t{1} << w;
        seconds_[index] |= either_case_bits(words_[w][1]);
      }
    }
  }
  constexpr bool any_in(std::string_view text) const {
    for (std::size_t i = 0; i + 1 < text.size(); ++i)
      if (may_open(text, i))
        for (auto opened = openers_[static_cast<unsigned char>(text[i])]; opened != 0;
             opened &= opened - 1) {
          auto word = words_[static_cast<std::size_t>(std::countr_zero(opened))];
          if (text.size() - i >= word.size() && text.substr(i, word.size()) == word) return true;
        }
    return false;
  }
  // Whether one of the words (lower case) opens at `i` of `text` read in ASCII lower case.
  constexpr bool opens_folded_at(std::string_view text, std::size_t i) const {
    if (i + 1 >= text.size() || !may_open(text, i)) return false;
    for (auto opened = openers_[static_cast<unsigned char>(ascii_lower(text[i]))]; opened != 0;
         opened &= opened - 1) {
      auto word = words_[static_cast<std::size_t>(std::countr_zero(opened))];
      if (text.size() - i >= word.size() && iequals_ascii(text.substr(i, word.size()), word))
        return true;
    }
    return false;
  }

 private:
  // Whether a word may open at `i`, `i + 1` inside `text`: no place a word opens is ruled out.
  constexpr bool may_open(std::string_view text, std::size_t i) const {
    return (seconds_[static_cast<unsigned char>(text[i])] & byte_bit(text[i + 1])) != 0;
  }

  std::array<std::string_view, N> words_;
  std::array<std::uint32_t, 256> openers_{};  // per byte, the words that open with it
  std::array<std::uint64_t, 256> seconds_{};  // per byte, the second bytes of those words
};

// Shannon entropy of the bytes, in bits per byte.
double shannon_entropy(std::string_view text);

}  // namespace hindsight::common::anonymizer
