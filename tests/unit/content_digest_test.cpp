// RFC 9530 Content-Digest: the digests of the RFC's {"hello": "world"} content, and what the
// receiver refuses.
#include "federation/signatures/content_digest.hpp"

#include <gtest/gtest.h>

#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation {
namespace {

constexpr std::string_view kBody = R"({"hello": "world"})";
constexpr std::string_view kSha256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
constexpr std::string_view kSha512 =
    "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWX"
    "vJwew==:";

TEST(ContentDigest, WritesTheRfcSha256Value) {
  EXPECT_EQ(content_digest_field(kBody), kSha256);
  EXPECT_EQ(content_digest_field(""), "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
}

TEST(ContentDigest, AcceptsTheRfcSha256AndSha512Values) {
  EXPECT_EQ(check_content_digest(kSha256, kBody), ContentDigestCheck::kMatches);
  EXPECT_EQ(check_content_digest(kSha512, kBody), ContentDigestCheck::kMatches);
  EXPECT_EQ(check_content_digest(std::string(kSha512) + ", " + std::string(kSha256), kBody),
            ContentDigestCheck::kMatches);
}

TEST(ContentDigest, RefusesADigestOfOtherBytes) {
  EXPECT_EQ(check_content_digest(kSha256, R"({"hello": "world!"})"), ContentDigestCheck::kMismatch);
  EXPECT_EQ(check_content_digest(kSha256, std::string(kBody) + "\n"),
            ContentDigestCheck::kMismatch);
  EXPECT_EQ(check_content_digest(kSha512, ""), ContentDigestCheck::kMismatch);
}

TEST(ContentDigest, EveryKnownDigestMustMatch) {
  std::string wrong_sha512 = "sha-512=:" + std::string(86, 'A') + "==:";
  EXPECT_EQ(check_content_digest(std::string(kSha256) + ", " + wrong_sha512, kBody),
            ContentDigestCheck::kMismatch);
}

TEST(ContentDigest, IgnoresUnknownAlgorithmsBesideAKnownOne) {
  // md5 is deprecated in the algorithm registry; a receiver computes only the active ones.
  EXPECT_EQ(check_content_digest("md5=:Sd/dVLAcvNLSq16eXua5uQ==:, " + std::string(kSha256), kBody),
            ContentDigestCheck::kMatches);
  EXPECT_EQ(check_content_digest("unknown=:AAAA:, " + std::string(kSha256), kBody),
            ContentDigestCheck::kMatches);
}

TEST(ContentDigest, RefusesAFieldNamingOnlyUnknownAlgorithms) {
  EXPECT_EQ(check_content_digest("md5=:Sd/dVLAcvNLSq16eXua5uQ==:", kBody),
            ContentDigestCheck::kNoKnownAlgorithm);
  EXPECT_EQ(check_content_digest("sha-1=:AAAA:, crc32c=:AAAA:", kBody),
            ContentDigestCheck::kNoKnownAlgorithm);
  EXPECT_EQ(check_content_digest("", kBody), ContentDigestCheck::kNoKnownAlgorithm);
}

TEST(ContentDigest, AKnownAlgorithmWithoutAByteSequenceIsAMismatch) {
  EXPECT_EQ(check_content_digest("sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"", kBody),
            ContentDigestCheck::kMismatch);
  EXPECT_EQ(check_content_digest("sha-256", kBody), ContentDigestCheck::kMismatch);
  EXPECT_EQ(check_content_digest("sha-256=(:AAAA:)", kBody), ContentDigestCheck::kMismatch);
}

TEST(ContentDigest, AFieldThatIsNoDictionaryIsAParseError) {
  EXPECT_THROW(check_content_digest("sha-256=:X48E9q", kBody), sf::StructuredFieldError);
  EXPECT_THROW(check_content_digest("SHA-256=:AAAA:", kBody), sf::StructuredFieldError);
}

}  // namespace
}  // namespace hindsight::federation
