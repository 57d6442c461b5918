// The generated Unicode tables and the strict decoder answer, for every code point and for
// malformed bytes, what RE2 answers: the context learner's hand-read names depend on it.
#include "common/anonymizer/unicode_classes.hpp"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>

#include "common/util/utf8_sequence.hpp"

namespace hindsight::common::anonymizer {
namespace {

std::string utf8(char32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

TEST(UnicodeClasses, AgreeWithRe2OnEveryCodePoint) {
  const re2::RE2 uppercase(R"(\p{Lu})"), letter_or_number(R"([\p{L}\p{N}])");
  int uppercase_count = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    auto bytes = utf8(cp);
    auto decoded = decode_utf8_strictly(bytes, 0);
    ASSERT_EQ(decoded.value, cp);
    ASSERT_EQ(decoded.length, bytes.size());
    bool upper = re2::RE2::FullMatch(bytes, uppercase);
    ASSERT_EQ(is_uppercase_letter(cp), upper) << std::hex << static_cast<unsigned>(cp);
    ASSERT_EQ(is_letter_or_number(cp), re2::RE2::FullMatch(bytes, letter_or_number))
        << std::hex << static_cast<unsigned>(cp);
    uppercase_count += upper;
  }
  EXPECT_GT(uppercase_count, 1500);  // Unicode 15 has about 1,800
}

TEST(UnicodeClasses, RejectBytesThatAreNotUtf8) {
  for (std::string bytes :
       {"\xC1\x81", "\xE0\x80\x80", "\xF0\x80\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF8\x88\x80\x80\x80", "\x80", "\xC3", "\xE2\x82", "\xC3("}) {
    EXPECT_EQ(decode_utf8_strictly(bytes, 0).length, 0u) << bytes;
  }
  EXPECT_EQ(decode_utf8_strictly("\xC3\x84", 0).value, U'\u00C4');
}

}  // namespace
}  // namespace hindsight::common::anonymizer
