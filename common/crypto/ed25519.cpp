#include "common/crypto/ed25519.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include "common/crypto/openssl_handles.hpp"

namespace hindsight::common::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::shared_ptr<evp_pkey_st> shared(EVP_PKEY* key, const char* what) {
  check(key != nullptr, what);
  return std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
}

std::string raw_key(EVP_PKEY* key, bool private_part) {
  std::string out(kEd25519KeyBytes, '\0');
  std::size_t size = out.size();
  auto* data = reinterpret_cast<unsigned char*>(out.data());
  bool ok = private_part ? EVP_PKEY_get_raw_private_key(key, data, &size) == 1
                         : EVP_PKEY_get_raw_public_key(key, data, &size) == 1;
  check(ok && size == kEd25519KeyBytes, "reading an Ed25519 key");
  return out;
}

}  // namespace

Ed25519PrivateKey Ed25519PrivateKey::generate() {
  PKeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  check(ctx != nullptr, "EVP_PKEY_CTX_new_id(ED25519)");
  check(EVP_PKEY_keygen_init(ctx.get()) == 1, "EVP_PKEY_keygen_init");
  EVP_PKEY* key = nullptr;
  check(EVP_PKEY_keygen(ctx.get(), &key) == 1, "EVP_PKEY_keygen(ED25519)");
  return Ed25519PrivateKey(shared(key, "EVP_PKEY_keygen(ED25519)"));
}

Ed25519PrivateKey Ed25519PrivateKey::from_raw(std::string_view seed) {
  if (seed.size() != kEd25519KeyBytes)
    throw CryptoError("an Ed25519 private key is 32 bytes, not " + std::to_string(seed.size()));
  return Ed25519PrivateKey(
      shared(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes_of(seed), seed.size()),
             "EVP_PKEY_new_raw_private_key(ED25519)"));
}

std::string Ed25519PrivateKey::raw() const {
  return raw_key(key_.get(), true);
}

std::string Ed25519PrivateKey::public_key() const {
  return raw_key(key_.get(), false);
}

std::string Ed25519PrivateKey::sign(std::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  check(ctx != nullptr, "EVP_MD_CTX_new");
  // Ed25519 hashes internally (PureEdDSA), so no digest is named.
  check(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1,
        "EVP_DigestSignInit(ED25519)");
  std::string signature(kEd25519SignatureBytes, '\0');
  std::size_t size = signature.size();
  check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       bytes_of(message), message.size()) == 1 &&
            size == kEd25519SignatureBytes,
        "EVP_DigestSign(ED25519)");
  return signature;
}

Ed25519PublicKey Ed25519PublicKey::from_raw(std::string_view bytes) {
  if (bytes.size() != kEd25519KeyBytes)
    throw CryptoError("an Ed25519 public key is 32 bytes, not " + std::to_string(bytes.size()));
  return Ed25519PublicKey(
      shared(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes_of(bytes), bytes.size()),
             "EVP_PKEY_new_raw_public_key(ED25519)"));
}

std::string Ed25519PublicKey::raw() const {
  return raw_key(key_.get(), false);
}

bool Ed25519PublicKey::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureBytes) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  check(ctx != nullptr, "EVP_MD_CTX_new");
  check(EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1,
        "EVP_DigestVerifyInit(ED25519)");
  int result = EVP_DigestVerify(ctx.get(), bytes_of(signature), signature.size(), bytes_of(message),
                                message.size());
  if (result == 1) return true;
  // A signature that does not verify leaves a reason on OpenSSL's queue; it is an answer, not
  // an error, and must not surface in the next CryptoError's message.
  ERR_clear_error();
  return false;
}

}  // namespace hindsight::common::crypto
