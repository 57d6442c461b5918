// Ed25519 over raw keys agrees with RFC 8032's test vectors, and refuses what was altered.
#include "common/crypto/ed25519.hpp"

#include <gtest/gtest.h>

#include "common/crypto/encoding.hpp"

namespace hindsight::test {
namespace {

namespace crypto = common::crypto;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// RFC 8032 section 7.1, TEST 2 (a one-byte message).
const std::string kSecret =
    from_hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
const std::string kPublic =
    from_hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
const std::string kMessage = from_hex("72");
const std::string kSignature = from_hex(
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
    "1d8c387b2eaeb4302aeeb00d291612bb0c00");

TEST(Ed25519, MatchesTheRfc8032Vector) {
  EXPECT_EQ(crypto::ed25519_public_key(kSecret), kPublic);
  EXPECT_EQ(crypto::ed25519_sign(kSecret, kMessage), kSignature);
  EXPECT_TRUE(crypto::ed25519_verify(kPublic, kMessage, kSignature));
}

TEST(Ed25519, AlteredMessageSignatureOrKeyDoesNotVerify) {
  EXPECT_FALSE(crypto::ed25519_verify(kPublic, from_hex("73"), kSignature));
  std::string bad = kSignature;
  bad[10] = static_cast<char>(bad[10] ^ 0x40);
  EXPECT_FALSE(crypto::ed25519_verify(kPublic, kMessage, bad));
  auto other = crypto::ed25519_generate();
  EXPECT_FALSE(crypto::ed25519_verify(other.public_key, kMessage, kSignature));
  EXPECT_FALSE(crypto::ed25519_verify(kPublic.substr(0, 31), kMessage, kSignature));
  EXPECT_FALSE(crypto::ed25519_verify(kPublic, kMessage, kSignature.substr(0, 63)));
}

TEST(Ed25519, GeneratedPairsSignAndVerify) {
  auto pair = crypto::ed25519_generate();
  EXPECT_EQ(pair.public_key.size(), 32u);
  EXPECT_EQ(crypto::ed25519_public_key(pair.private_key), pair.public_key);
  auto signature = crypto::ed25519_sign(pair.private_key, "lesson");
  EXPECT_TRUE(crypto::ed25519_verify(pair.public_key, "lesson", signature));
  EXPECT_NE(crypto::ed25519_generate().public_key, pair.public_key);
}

}  // namespace
}  // namespace hindsight::test
