// Case folding for terms keeps every byte where it was: each letter it lowers keeps its UTF-8
// length, and bytes that are not well-formed UTF-8 pass through untouched.
#include "common/anonymizer/text_utils.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace hindsight::common::anonymizer
