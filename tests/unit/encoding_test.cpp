// Byte encodings (RFC 4648 base64 and base64url, hex) and SHA-256.
#include "common/crypto/encoding.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/crypto/digest.hpp"
#include "common/crypto/random.hpp"

namespace hindsight::common::crypto {
namespace {

using OptionalBytes = std::optional<std::string>;

// RFC 4648 section 10.
TEST(Base64, EncodesRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesRfc4648TestVectors) {
  EXPECT_EQ(base64_decode(""), OptionalBytes(""));
  EXPECT_EQ(base64_decode("Zg=="), OptionalBytes("f"));
  EXPECT_EQ(base64_decode("Zm8="), OptionalBytes("fo"));
  EXPECT_EQ(base64_decode("Zm9v"), OptionalBytes("foo"));
  EXPECT_EQ(base64_decode("Zm9vYg=="), OptionalBytes("foob"));
  EXPECT_EQ(base64_decode("Zm9vYmE="), OptionalBytes("fooba"));
  EXPECT_EQ(base64_decode("Zm9vYmFy"), OptionalBytes("foobar"));
}

TEST(Base64Url, EncodesRfc4648TestVectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, DecodesUnpaddedText) {
  EXPECT_EQ(base64url_decode(""), OptionalBytes(""));
  EXPECT_EQ(base64url_decode("Zg"), OptionalBytes("f"));
  EXPECT_EQ(base64url_decode("Zm8"), OptionalBytes("fo"));
  EXPECT_EQ(base64url_decode("Zm9vYmE"), OptionalBytes("fooba"));
  EXPECT_EQ(base64url_decode("Zm9vYmFy"), OptionalBytes("foobar"));
}

// 0xfb 0xff encodes to the two characters where the alphabets differ (62 and 63).
TEST(Base64, AlphabetsDifferInLastTwoCharacters) {
  const std::string bytes("\xfb\xff", 2);
  EXPECT_EQ(base64_encode(bytes), "+/8=");
  EXPECT_EQ(base64url_encode(bytes), "-_8");
  EXPECT_EQ(base64_decode("+/8="), OptionalBytes(bytes));
  EXPECT_EQ(base64url_decode("-_8"), OptionalBytes(bytes));
  // Each decoder refuses the other alphabet's characters.
  EXPECT_FALSE(base64_decode("-_8=").has_value());
  EXPECT_FALSE(base64url_decode("+/8").has_value());
}

TEST(Base64, RoundTripsRandomBytesOfEveryLength) {
  for (std::size_t n = 0; n <= 70; ++n) {
    std::string bytes = random_bytes(n);
    ASSERT_EQ(bytes.size(), n);
    EXPECT_EQ(base64_decode(base64_encode(bytes)), OptionalBytes(bytes)) << "length " << n;
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), OptionalBytes(bytes)) << "length " << n;
    EXPECT_EQ(base64_encode(bytes).size(), (n + 2) / 3 * 4) << "length " << n;
    EXPECT_EQ(base64url_encode(bytes).find('='), std::string::npos) << "length " << n;
  }
}

TEST(Base64, DecodeRejectsInvalidCharacters) {
  EXPECT_FALSE(base64_decode("Zm9v!A==").has_value());
  EXPECT_FALSE(base64_decode("Zm 9").has_value());
  EXPECT_FALSE(base64_decode("Zm9\n").has_value());
  EXPECT_FALSE(base64_decode(std::string("Zm\0v", 4)).has_value());
  EXPECT_FALSE(base64url_decode("Zm9v!A").has_value());
  EXPECT_FALSE(base64url_decode("Zm 9").has_value());
}

TEST(Base64, DecodeRejectsWrongPadding) {
  EXPECT_FALSE(base64_decode("Zg").has_value());     // padding missing
  EXPECT_FALSE(base64_decode("Zg=").has_value());    // one '=' short
  EXPECT_FALSE(base64_decode("Zm8").has_value());    // padding missing
  EXPECT_FALSE(base64_decode("Zm9v=").has_value());  // padding where none belongs
  EXPECT_FALSE(base64_decode("Z===").has_value());   // three '='
  EXPECT_FALSE(base64_decode("====").has_value());
  EXPECT_FALSE(base64_decode("Zg=a").has_value());      // '=' in the middle
  EXPECT_FALSE(base64_decode("Zg==Zm9v").has_value());  // padding before the end
  // base64url carries no padding at all.
  EXPECT_FALSE(base64url_decode("Zg==").has_value());
  EXPECT_FALSE(base64url_decode("Zm8=").has_value());
}

TEST(Base64, DecodeRejectsImpossibleLengths) {
  EXPECT_FALSE(base64url_decode("Z").has_value());
  EXPECT_FALSE(base64url_decode("Zm9vY").has_value());
}

// Unused low bits of the last character must be zero, so each byte string has one encoding.
TEST(Base64, DecodeRejectsNonCanonicalTrailingBits) {
  ASSERT_EQ(base64_decode("Zg=="), OptionalBytes("f"));
  EXPECT_FALSE(base64_decode("Zh==").has_value());
  ASSERT_EQ(base64_decode("Zm8="), OptionalBytes("fo"));
  EXPECT_FALSE(base64_decode("Zm9=").has_value());
  EXPECT_FALSE(base64url_decode("Zh").has_value());
  EXPECT_FALSE(base64url_decode("Zm9").has_value());
}

TEST(Hex, EncodesLowercaseTwoDigitsPerByte) {
  EXPECT_EQ(hex_encode(""), "");
  EXPECT_EQ(hex_encode(std::string("\x00\x01\x7f\x80\xab\xff", 6)), "00017f80abff");
  EXPECT_EQ(hex_encode("abc"), "616263");
}

// FIPS 180-2, appendix B.1.
TEST(Sha256, MatchesFips180Vector) {
  std::string digest = sha256("abc");
  EXPECT_EQ(digest.size(), 32u);
  EXPECT_EQ(hex_encode(digest), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, OfEmptyInputMatchesKnownValue) {
  EXPECT_EQ(hex_encode(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// FIPS 180-2, appendix C.1.
TEST(Sha512, MatchesFips180Vector) {
  std::string digest = sha512("abc");
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(hex_encode(digest),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

// RFC 8941 section 4.2.7 asks Byte Sequence parsers to forgive these two.
TEST(Base64Forgiving, TakesMissingPaddingAndNonZeroPadBits) {
  EXPECT_EQ(base64_decode_forgiving("Zm9vYg=="), OptionalBytes("foob"));
  EXPECT_EQ(base64_decode_forgiving("Zm9vYg"), OptionalBytes("foob"));
  EXPECT_EQ(base64_decode_forgiving("Zm9vYmE"), OptionalBytes("fooba"));
  EXPECT_EQ(base64_decode_forgiving("Zh=="), OptionalBytes("f"));
  EXPECT_EQ(base64_decode_forgiving(""), OptionalBytes(""));
  EXPECT_FALSE(base64_decode("Zh==").has_value());
  EXPECT_FALSE(base64_decode("Zm9vYg").has_value());
}

TEST(Base64Forgiving, StillRefusesOtherCharactersAndBrokenPadding) {
  EXPECT_FALSE(base64_decode_forgiving("Zm9v-_").has_value());
  EXPECT_FALSE(base64_decode_forgiving("Zm=9v").has_value());
  EXPECT_FALSE(base64_decode_forgiving("Zm9vY").has_value());
  EXPECT_FALSE(base64_decode_forgiving("Zm9vYg=").has_value());
  EXPECT_FALSE(base64_decode_forgiving("=").has_value());
  EXPECT_FALSE(base64_decode_forgiving("Zm9v Yg==").has_value());
}

TEST(RandomBytes, HasRequestedLengthAndVaries) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(32).size(), 32u);
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

}  // namespace
}  // namespace hindsight::common::crypto
