#include "common/crypto/ed25519.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include "common/crypto/openssl_handles.hpp"

namespace hindsight::common::crypto {
namespace {

constexpr std::size_t kKeySize = 32;
constexpr std::size_t kSignatureSize = 64;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string raw(EVP_PKEY* key, bool private_half) {
  std::string out(kKeySize, '\0');
  std::size_t size = out.size();
  auto* data = reinterpret_cast<unsigned char*>(out.data());
  check((private_half ? EVP_PKEY_get_raw_private_key(key, data, &size)
                      : EVP_PKEY_get_raw_public_key(key, data, &size)) == 1 &&
            size == kKeySize,
        "Ed25519 raw key");
  return out;
}

PKeyPtr private_key_of(std::string_view private_key) {
  if (private_key.size() != kKeySize) throw CryptoError("Ed25519 private key must be 32 bytes");
  PKeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(private_key),
                                           private_key.size()));
  check(key != nullptr, "Ed25519 private key");
  return key;
}

}  // namespace

Ed25519KeyPair ed25519_generate() {
  PKeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  check(ctx != nullptr && EVP_PKEY_keygen_init(ctx.get()) == 1, "Ed25519 key generation");
  EVP_PKEY* made = nullptr;
  check(EVP_PKEY_keygen(ctx.get(), &made) == 1, "Ed25519 key generation");
  PKeyPtr key(made);
  return {raw(key.get(), false), raw(key.get(), true)};
}

std::string ed25519_public_key(std::string_view private_key) {
  return raw(private_key_of(private_key).get(), false);
}

std::string ed25519_sign(std::string_view private_key, std::string_view message) {
  PKeyPtr key = private_key_of(private_key);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  check(ctx != nullptr && EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1,
        "Ed25519 sign");
  std::string signature(kSignatureSize, '\0');
  std::size_t size = signature.size();
  check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       bytes(message), message.size()) == 1 &&
            size == kSignatureSize,
        "Ed25519 sign");
  return signature;
}

bool ed25519_verify(std::string_view public_key, std::string_view message,
                    std::string_view signature) {
  if (public_key.size() != kKeySize || signature.size() != kSignatureSize) return false;
  PKeyPtr key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(public_key), public_key.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  bool valid = key && ctx &&
               EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
               EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(message),
                                message.size()) == 1;
  // A stranger's bad signature is an answer, not an error: leave nothing in OpenSSL's queue.
  if (!valid) ERR_clear_error();
  return valid;
}

}  // namespace hindsight::common::crypto
