// Argon2id password hashes and API tokens.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/crypto/api_token.hpp"
#include "common/crypto/digest.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/password_hasher.hpp"

namespace hindsight::common::crypto {
namespace {

// Small parameters keep the tests fast; the format and checks do not depend on them.
constexpr Argon2Params kFast{1, 1024, 1};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// --- PasswordHasher ---------------------------------------------------------------------------

TEST(PasswordHasher, HashVerifiesTheRightPassword) {
  PasswordHasher hasher(kFast);
  std::string encoded = hasher.hash("correct horse battery staple");
  EXPECT_TRUE(hasher.verify("correct horse battery staple", encoded));
}

TEST(PasswordHasher, HashRefusesAWrongPassword) {
  PasswordHasher hasher(kFast);
  std::string encoded = hasher.hash("correct horse battery staple");
  EXPECT_FALSE(hasher.verify("correct horse battery stapler", encoded));
  EXPECT_FALSE(hasher.verify("Correct horse battery staple", encoded));
  EXPECT_FALSE(hasher.verify("", encoded));
}

TEST(PasswordHasher, TwoHashesOfTheSamePasswordDifferBySalt) {
  PasswordHasher hasher(kFast);
  std::string first = hasher.hash("same password here");
  std::string second = hasher.hash("same password here");
  EXPECT_NE(first, second);
  EXPECT_TRUE(hasher.verify("same password here", first));
  EXPECT_TRUE(hasher.verify("same password here", second));
}

TEST(PasswordHasher, EncodedStringIsArgon2idPhcWithParameters) {
  PasswordHasher hasher(Argon2Params{2, 2048, 1});
  std::string encoded = hasher.hash("a password of some length");
  EXPECT_TRUE(starts_with(encoded, "$argon2id$")) << encoded;
  EXPECT_NE(encoded.find("m=2048"), std::string::npos) << encoded;
  EXPECT_NE(encoded.find("t=2"), std::string::npos) << encoded;
  EXPECT_NE(encoded.find("p=1"), std::string::npos) << encoded;
  // No trailing NULs from the fixed-size buffer argon2 writes into.
  EXPECT_EQ(encoded.find('\0'), std::string::npos);
}

TEST(PasswordHasher, DefaultParametersHashAndVerify) {
  PasswordHasher hasher;
  std::string encoded = hasher.hash("a default-strength password");
  EXPECT_TRUE(starts_with(encoded, "$argon2id$")) << encoded;
  EXPECT_NE(encoded.find("m=65536"), std::string::npos) << encoded;
  EXPECT_NE(encoded.find("t=3"), std::string::npos) << encoded;
  EXPECT_TRUE(hasher.verify("a default-strength password", encoded));
  EXPECT_FALSE(hasher.verify("a default-strength passw0rd", encoded));
}

// The parameters travel with the hash, so raising them later keeps old hashes valid.
TEST(PasswordHasher, VerifyUsesParametersStoredInTheHash) {
  std::string old_hash = PasswordHasher(kFast).hash("an older password");
  PasswordHasher stronger(Argon2Params{2, 2048, 1});
  EXPECT_TRUE(stronger.verify("an older password", old_hash));
}

TEST(PasswordHasher, VerifyReturnsFalseForGarbage) {
  PasswordHasher hasher(kFast);
  EXPECT_NO_THROW({
    EXPECT_FALSE(hasher.verify("password", ""));
    EXPECT_FALSE(hasher.verify("password", "password"));
    EXPECT_FALSE(hasher.verify("password", "$argon2id$"));
    EXPECT_FALSE(hasher.verify("password", "$argon2id$v=19$m=1024,t=1,p=1$garbage"));
    EXPECT_FALSE(hasher.verify("password", "$argon2id$v=19$m=1024,t=1,p=1$$"));
  });
}

TEST(PasswordHasher, VerifyReturnsFalseForTruncatedHash) {
  PasswordHasher hasher(kFast);
  std::string encoded = hasher.hash("truncate me please");
  EXPECT_NO_THROW(EXPECT_FALSE(hasher.verify("truncate me please", encoded.substr(0, 20))));
  EXPECT_NO_THROW(
      EXPECT_FALSE(hasher.verify("truncate me please", encoded.substr(0, encoded.size() - 5))));
}

TEST(PasswordHasher, VerifyReturnsFalseForNonArgon2idHash) {
  PasswordHasher hasher(kFast);
  std::string encoded = hasher.hash("some password value");
  ASSERT_TRUE(starts_with(encoded, "$argon2id$"));
  // The same hash relabelled as argon2i (or argon2d) is not ours.
  std::string as_argon2i = "$argon2i$" + encoded.substr(std::string("$argon2id$").size());
  std::string as_argon2d = "$argon2d$" + encoded.substr(std::string("$argon2id$").size());
  EXPECT_NO_THROW(EXPECT_FALSE(hasher.verify("some password value", as_argon2i)));
  EXPECT_NO_THROW(EXPECT_FALSE(hasher.verify("some password value", as_argon2d)));
  // A bcrypt hash.
  EXPECT_NO_THROW(EXPECT_FALSE(
      hasher.verify("password", "$2b$12$GhvMmNVjRW29ulnudl.LbuAnUtN/LRfe1JsBm1Xu6LE3059z5Tr8m")));
}

// --- API tokens -------------------------------------------------------------------------------

TEST(ApiToken, StartsWithPrefixAndIs46Characters) {
  std::string token = generate_api_token();
  EXPECT_TRUE(starts_with(token, "hs_")) << token;
  EXPECT_EQ(token.size(), 46u) << token;  // "hs_" + 43 characters of base64url(32 bytes)
}

TEST(ApiToken, BodyIsBase64UrlOf32Bytes) {
  std::string token = generate_api_token();
  ASSERT_TRUE(starts_with(token, "hs_"));
  auto bytes = base64url_decode(token.substr(3));
  ASSERT_TRUE(bytes.has_value()) << token;
  EXPECT_EQ(bytes->size(), 32u);
}

TEST(ApiToken, UniqueAcrossAThousandDraws) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i)
    seen.insert(generate_api_token());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(ApiTokenHash, Is64LowercaseHexCharacters) {
  std::string hash = token_hash(generate_api_token());
  ASSERT_EQ(hash.size(), 64u);
  for (char c : hash)
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << "character '" << c << "'";
}

TEST(ApiTokenHash, IsDeterministicSha256) {
  std::string token = generate_api_token();
  EXPECT_EQ(token_hash(token), token_hash(token));
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ApiTokenHash, DiffersForDifferentTokens) {
  std::string a = generate_api_token();
  std::string b = generate_api_token();
  ASSERT_NE(a, b);
  EXPECT_NE(token_hash(a), token_hash(b));
  // One character apart is enough.
  std::string c = a;
  c.back() = c.back() == 'A' ? 'B' : 'A';
  EXPECT_NE(token_hash(a), token_hash(c));
}

TEST(ApiTokenHash, DoesNotContainTheToken) {
  std::string token = generate_api_token();
  std::string hash = token_hash(token);
  EXPECT_EQ(hash.find(token), std::string::npos);
  EXPECT_EQ(hash.find(token.substr(3)), std::string::npos);
}

}  // namespace
}  // namespace hindsight::common::crypto
