// Ed25519 over raw keys: RFC 8032's test vectors, RFC 9421's test key, and refusals.
#include "common/crypto/ed25519.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/crypto/encoding.hpp"
#include "common/crypto/openssl_handles.hpp"

namespace hindsight::common::crypto {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

// RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte).
TEST(Ed25519, SignsRfc8032TestVectors) {
  auto key = Ed25519PrivateKey::from_raw(
      from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  EXPECT_EQ(hex_encode(key.public_key()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  EXPECT_EQ(hex_encode(key.sign("")),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc6"
            "1e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  auto second = Ed25519PrivateKey::from_raw(
      from_hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
  auto signature = second.sign(from_hex("72"));
  EXPECT_EQ(hex_encode(signature),
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e45"
            "8f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  auto public_key = Ed25519PublicKey::from_raw(
      from_hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
  EXPECT_TRUE(public_key.verify(from_hex("72"), signature));
  EXPECT_FALSE(public_key.verify(from_hex("73"), signature));
}

// RFC 9421 appendix B.1.4: test-key-ed25519, whose JWK form gives the raw bytes in base64url.
TEST(Ed25519, Rfc9421TestKeyPairsUp) {
  auto seed = base64url_decode("n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU");
  ASSERT_TRUE(seed);
  auto key = Ed25519PrivateKey::from_raw(*seed);
  EXPECT_EQ(base64url_encode(key.public_key()), "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs");
  EXPECT_EQ(key.raw(), *seed);
}

TEST(Ed25519, GeneratedKeysSignAndVerify) {
  auto key = Ed25519PrivateKey::generate();
  auto other = Ed25519PrivateKey::generate();
  EXPECT_NE(key.raw(), other.raw());
  auto public_key = Ed25519PublicKey::from_raw(key.public_key());
  EXPECT_EQ(public_key.raw(), key.public_key());
  auto signature = key.sign("message");
  ASSERT_EQ(signature.size(), kEd25519SignatureBytes);
  EXPECT_TRUE(public_key.verify("message", signature));
  EXPECT_FALSE(public_key.verify("messagE", signature));
  EXPECT_FALSE(Ed25519PublicKey::from_raw(other.public_key()).verify("message", signature));
  std::string flipped = signature;
  flipped[10] = static_cast<char>(flipped[10] ^ 1);
  EXPECT_FALSE(public_key.verify("message", flipped));
}

TEST(Ed25519, ASignatureOfTheWrongLengthIsFalseNotAnError) {
  auto key = Ed25519PrivateKey::generate();
  auto public_key = Ed25519PublicKey::from_raw(key.public_key());
  auto signature = key.sign("m");
  EXPECT_FALSE(public_key.verify("m", signature.substr(0, 63)));
  EXPECT_FALSE(public_key.verify("m", signature + "x"));
  EXPECT_FALSE(public_key.verify("m", ""));
}

TEST(Ed25519, KeysOfTheWrongLengthAreRefused) {
  EXPECT_THROW(Ed25519PrivateKey::from_raw(std::string(31, 'k')), CryptoError);
  EXPECT_THROW(Ed25519PrivateKey::from_raw(std::string(64, 'k')), CryptoError);
  EXPECT_THROW(Ed25519PublicKey::from_raw(""), CryptoError);
  EXPECT_THROW(Ed25519PublicKey::from_raw(std::string(33, 'k')), CryptoError);
}

}  // namespace
}  // namespace hindsight::common::crypto
