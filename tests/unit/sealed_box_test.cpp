// Private keys at rest: only the right key-encryption key and label open a sealed value, and
// any change to it is detected.
#include "common/crypto/sealed_box.hpp"

#include <gtest/gtest.h>

#include "common/crypto/openssl_handles.hpp"
#include "common/crypto/random.hpp"

namespace hindsight::test {
namespace {

using common::crypto::CryptoError;
using common::crypto::open_sealed;
using common::crypto::seal;

TEST(SealedBox, OpensWithTheKeyAndLabelItWasSealedWith) {
  std::string key = common::crypto::random_bytes(32);
  std::string secret = common::crypto::random_bytes(32);
  std::string box = seal(key, secret, "key k1");
  EXPECT_EQ(box.size(), 12 + secret.size() + 16);
  EXPECT_EQ(box.find(secret), std::string::npos);
  EXPECT_EQ(open_sealed(key, box, "key k1"), secret);
  EXPECT_NE(seal(key, secret, "key k1"), box) << "each seal takes a fresh nonce";
  EXPECT_EQ(open_sealed(key, seal(key, "", "empty"), "empty"), "");
}

TEST(SealedBox, WrongKeyOtherLabelOrAnyChangedByteIsRefused) {
  std::string key = common::crypto::random_bytes(32);
  std::string box = seal(key, "the private key", "key k1");
  EXPECT_THROW(open_sealed(common::crypto::random_bytes(32), box, "key k1"), CryptoError);
  EXPECT_THROW(open_sealed(key, box, "key k2"), CryptoError);
  for (std::size_t at = 0; at < box.size(); ++at) {
    std::string altered = box;
    altered[at] = static_cast<char>(altered[at] ^ 0x01);
    EXPECT_THROW(open_sealed(key, altered, "key k1"), CryptoError) << "byte " << at;
  }
  EXPECT_THROW(open_sealed(key, box.substr(0, 27), "key k1"), CryptoError);
  EXPECT_THROW(seal("short", "x", "l"), CryptoError);
}

}  // namespace
}  // namespace hindsight::test
