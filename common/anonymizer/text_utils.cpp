#include "common/anonymizer/text_utils.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace hindsight::common::anonymizer {

CodePoint decode_utf8(std::string_view text, std::size_t pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) return {b0, 1};
  std::size_t length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (length == 0 || pos + length > text.size()) return {0xFFFD, 1};
  char32_t value = b0 & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {0xFFFD, 1};
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  return {value, length};
}

bool is_word_code_point(char32_t cp) {
  if (cp < 0x80) return is_ascii_alnum(static_cast<char>(cp));
  // Punctuation, symbols and emoji blocks; everything else counts as a letter.
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  if (cp >= 0x1F000) return false;
  return cp != 0xFFFD;
}

char32_t lower_code_point(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp == 0x130) return cp;  // İ lowers to i plus a combining dot: no same-length partner
  // Latin Extended-A pairs: even upper, odd lower, except where the block shifts by one.
  if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
    return cp % 2 == 0 ? cp + 1 : cp;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
    return cp % 2 == 1 ? cp + 1 : cp;
  if (cp == 0x178) return 0xFF;  // Ÿ
  if ((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF))
    return cp % 2 == 0 ? cp + 1 : cp;  // Latin Extended Additional (Vietnamese)
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x531 && cp <= 0x556) return cp + 0x30;  // Armenian
  return cp;
}

bool is_upper_code_point(char32_t cp) {
  // The upper halves of the pairs above, and the two capitals whose partners differ in length.
  return lower_code_point(cp) != cp || cp == 0x130 || cp == 0x1E9E;  // İ, ẞ
}

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {  // most of any text: no decoding
      out[pos] = ascii_lower(text[pos]);
      ++pos;
      continue;
    }
    CodePoint cp = decode_utf8(text, pos);
    char32_t lower = lower_code_point(cp.value);
    if (cp.length == 1) {
      if (cp.value < 0x80) out[pos] = static_cast<char>(lower);  // else an invalid byte, kept
    } else if (lower != cp.value) {
      // Every pair above keeps its UTF-8 length: two bytes below U+0800, three above.
      if (cp.length == 2) {
        out[pos] = static_cast<char>(0xC0 | (lower >> 6));
        out[pos + 1] = static_cast<char>(0x80 | (lower & 0x3F));
      } else {
        out[pos] = static_cast<char>(0xE0 | (lower >> 12));
        out[pos + 1] = static_cast<char>(0x80 | ((lower >> 6) & 0x3F));
        out[pos + 2] = static_cast<char>(0x80 | (lower & 0x3F));
      }
    }
    pos += cp.length;
  }
  return out;
}

bool is_cjk_code_point(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = ascii_lower(c);
  return out;
}

AsciiLowered::AsciiLowered(std::string_view text) {
  if (text.size() <= buffer_.size()) {
    // Eight bytes at a time: the validators lower every value and the context before many.
    // A byte is an ASCII capital when its high bit is clear, it is at least `A` and at most
    // `Z`; each test sets the byte's high bit, and a capital gains 0x20 from its test's bit.
    constexpr std::uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t bytes;
      std::memcpy(&bytes, text.data() + i, 8);
      std::uint64_t low = bytes & ~kHigh;
      std::uint64_t at_least_a = low + (0x80 - 'A') * kOnes;
      std::uint64_t above_z = low + (0x7F - 'Z') * kOnes;
      std::uint64_t capital = ~bytes & at_least_a & ~above_z & kHigh;
      bytes |= capital >> 2;
      std::memcpy(buffer_.data() + i, &bytes, 8);
    }
    for (; i < text.size(); ++i)
      buffer_[i] = ascii_lower(text[i]);
    view_ = std::string_view(buffer_.data(), text.size());
  } else {
    heap_ = ascii_lowercase(text);
    view_ = heap_;
  }
}

namespace {

// What split_words needs to know of the code point at `pos`; ASCII without decoding.
struct CharClass {
  std::size_t length;
  bool word;
  bool cjk;
  bool upper;
  bool digit;
};

// Byte classes by table: word splitting runs over every byte of every text. A byte of a
// multi-byte character is -1, to be decoded.
constexpr int kWordBit = 1, kUpperBit = 2, kDigitBit = 4, kLowerBit = 8;
constexpr std::array<int, 256> kByteClass = [] {
  std::array<int, 256> table{};
  for (int c = '0'; c <= '9'; ++c)
    table[c] = kWordBit | kDigitBit;
  for (int c = 'A'; c <= 'Z'; ++c)
    table[c] = kWordBit | kUpperBit;
  for (int c = 'a'; c <= 'z'; ++c)
    table[c] = kWordBit | kLowerBit;
  for (int c = 0x80; c < 0x100; ++c)
    table[c] = -1;
  return table;
}();

inline CharClass classify(std::string_view text, std::size_t pos) {
  int bits = kByteClass[static_cast<unsigned char>(text[pos])];
  if (bits >= 0)
    return {1, (bits & kWordBit) != 0, false, (bits & kUpperBit) != 0, (bits & kDigitBit) != 0};
  CodePoint cp = decode_utf8(text, pos);
  return {cp.length, is_word_code_point(cp.value), is_cjk_code_point(cp.value),
          is_upper_code_point(cp.value), false};
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 5 + 1);
  const std::size_t size = text.size();
  std::size_t pos = 0;
  // ASCII bytes, most of any text, are read straight from the table.
  auto ascii_bits = [&](std::size_t at) {
    return kByteClass[static_cast<unsigned char>(text[at])];
  };
  while (pos < size) {
    int bits = ascii_bits(pos);
    if (bits == 0) {
      ++pos;
      continue;
    }
    CharClass c = classify(text, pos);
    if (!c.word) {
      pos += c.length;
      continue;
    }
    Word word{pos, pos, c.upper, true, false, c.cjk};
    while (true) {
      word.has_digit |= c.digit;
      if (!c.digit && !c.upper) word.all_upper = false;
      pos += c.length;
      if (!word.cjk) {
        int seen = 0;  // the classes of the run's bytes, gathered once for the whole run
        for (; pos < size && (bits = ascii_bits(pos)) > 0; ++pos)
          seen |= bits;
        word.has_digit |= (seen & kDigitBit) != 0;
        if (seen & kLowerBit) word.all_upper = false;
      }
      if (pos >= size || bits == 0) break;
      c = classify(text, pos);
      if (!c.word || c.cjk != word.cjk) break;
    }
    word.end = pos;
    words.push_back(word);
  }
  return words;
}

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<std::uint32_t, 256> counts{};
  for (unsigned char c : text)
    ++counts[c];
  // H = log2(n) - sum(c * log2(c)) / n, summed over the text's own bytes (each distinct byte
  // once: its count is cleared as it is read, and a cleared count adds 0) rather than over all
  // 256; the validators ask this of every candidate secret, so the products for small counts
  // come from a table, and no branch asks whether a byte was seen before.
  constexpr std::size_t kTabled = 64;
  static const std::array<double, kTabled> kProducts = [] {
    std::array<double, kTabled> table{};  // 0 for a count of 0 or 1
    for (std::size_t c = 2; c < kTabled; ++c)
      table[c] = static_cast<double>(c) * std::log2(static_cast<double>(c));
    return table;
  }();
  double sum = 0;
  for (unsigned char c : text) {
    auto count = counts[c];
    counts[c] = 0;
    sum += count < kTabled ? kProducts[count]
                           : static_cast<double>(count) * std::log2(static_cast<double>(count));
  }
  double n = static_cast<double>(text.size());
  return std::log2(n) - sum / n;
}

}  // namespace hindsight::common::anonymizer
