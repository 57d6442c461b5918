// Case folding for terms keeps every byte where it was: each letter it lowers keeps its UTF-8
// length, and bytes that are not well-formed UTF-8 pass through untouched.
#include "common/anonymizer/text_utils.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>

namespace hindsight::common::anonymizer {
namespace {

TEST(FoldCase, LowersLatinGreekCyrillicAndArmenianLettersInPlace) {
  EXPECT_EQ(fold_case("MÜLLER Ŷ Ÿ ŁÓDŹ ĲŇ"), "müller ŷ ÿ łódź ĳň");
  EXPECT_EQ(fold_case("ΑΘΗΝΑ ИВАНОВ ЁЖ ԱՐԱՄ"), "αθηνα иванов ёж արամ");
  EXPECT_EQ(fold_case("NGUYỄN ĐẶNG"), "nguyễn đặng");
  EXPECT_EQ(fold_case("ẞ 東京 ß 123 _-"), "ẞ 東京 ß 123 _-");  // no same-length partner, or none
  std::string broken = "A\xC3(B\xFF";
  EXPECT_EQ(fold_case(broken), "a\xC3(b\xFF");
}

TEST(FoldCase, LowerCodePointKeepsLowerCaseAndOtherScripts) {
  EXPECT_EQ(lower_code_point(U'ā'), U'ā');
  EXPECT_EQ(lower_code_point(U'Ā'), U'ā');
  EXPECT_EQ(lower_code_point(U'ĸ'), U'ĸ');
  EXPECT_EQ(lower_code_point(U'İ'), U'İ');
  EXPECT_EQ(lower_code_point(U'Σ'), U'σ');
  EXPECT_EQ(lower_code_point(U'×'), U'×');
  EXPECT_EQ(lower_code_point(U'日'), U'日');
}

TEST(FoldCase, UpperCaseIsTheUpperHalfOfEachPair) {
  for (char32_t cp : {U'A', U'Ł', U'Ż', U'Ń', U'Ā', U'Ÿ', U'Ễ', U'Σ', U'Ж', U'Ё', U'İ', U'ẞ'})
    EXPECT_TRUE(is_upper_code_point(cp)) << static_cast<unsigned>(cp);
  for (char32_t cp : {U'a', U'ł', U'ň', U'ĸ', U'ŉ', U'ẖ', U'σ', U'ж', U'×', U'日', U'7'})
    EXPECT_FALSE(is_upper_code_point(cp)) << static_cast<unsigned>(cp);
}

// AsciiLowered lowers eight bytes at a time: every byte value, at every place of a word of
// eight and in the bytes after the last eight, must come out as ascii_lower makes it.
TEST(AsciiLowered, LowersEveryByteAsAsciiLowerDoes) {
  for (std::size_t length : {1, 7, 8, 9, 15, 16, 17, 200, 256, 300}) {
    for (int shift = 0; shift < 256; ++shift) {
      std::string text(length, ' ');
      for (std::size_t i = 0; i < length; ++i)
        text[i] = static_cast<char>((i * 37 + static_cast<std::size_t>(shift)) % 256);
      std::string expected = text;
      for (char& c : expected)
        c = ascii_lower(c);
      ASSERT_EQ(AsciiLowered(text).view(), expected) << length << " " << shift;
    }
  }
}

// WordsInside skips most places by their first two bytes; it must find what a search for each
// word finds, in either case where it folds, whatever the bytes around.
TEST(WordsInside, FindsWhatAFindPerWordFinds) {
  static constexpr std::array<std::string_view, 5> kWords = {"xx", "your_", "change-me", "*1",
                                                             "\xC3\xA9t"};
  static constexpr WordsInside kInside(kWords);
  auto found_exactly = [](std::string_view text) {
    for (auto word : kWords)
      if (text.find(word) != std::string_view::npos) return true;
    return false;
  };
  auto opens_folded = [](std::string_view text, std::size_t i) {
    for (auto word : kWords)
      if (text.size() - i >= word.size() && iequals_ascii(text.substr(i, word.size()), word))
        return true;
    return false;
  };
  const std::array<std::string_view, 14> pieces = {"x", "X",  "y", "OUR", "our",      "_", "change",
                                                   "-", "Me", "*", "1",   "\xC3\xA9", "t", "T"};
  std::mt19937 random(31);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 12);
  int found = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += pieces[piece(random)];
    ASSERT_EQ(kInside.any_in(text), found_exactly(text)) << text;
    found += kInside.any_in(text);
    for (std::size_t i = 0; i < text.size(); ++i)
      ASSERT_EQ(kInside.opens_folded_at(text, i), opens_folded(text, i)) << text << " at " << i;
  }
  EXPECT_GT(found, 1000);
}

}  // namespace
}  // namespace hindsight::common::anonymizer
