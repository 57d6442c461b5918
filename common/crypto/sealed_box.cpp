#include "common/crypto/sealed_box.hpp"

#include <openssl/evp.h>

#include "common/crypto/openssl_handles.hpp"
#include "common/crypto/random.hpp"

namespace hindsight::common::crypto {
namespace {

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

CipherCtxPtr start(std::string_view key, std::string_view nonce, std::string_view label,
                   bool encrypt) {
  if (key.size() != kSealKeySize) throw CryptoError("sealing key must be 32 bytes");
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  check(ctx != nullptr, "cipher context");
  check(EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce),
                          encrypt ? 1 : 0) == 1,
        "AES-256-GCM init");
  int ignored = 0;
  check(EVP_CipherUpdate(ctx.get(), nullptr, &ignored, bytes(label),
                         static_cast<int>(label.size())) == 1,
        "AES-256-GCM associated data");
  return ctx;
}

}  // namespace

std::string seal(std::string_view key, std::string_view plaintext, std::string_view label) {
  std::string nonce = random_bytes(kNonceSize);
  auto ctx = start(key, nonce, label, true);
  std::string out = nonce;
  out.resize(kNonceSize + plaintext.size() + kTagSize);
  int written = 0;
  check(EVP_CipherUpdate(ctx.get(), bytes(out) + kNonceSize, &written, bytes(plaintext),
                         static_cast<int>(plaintext.size())) == 1,
        "AES-256-GCM encrypt");
  int final_bytes = 0;
  check(EVP_CipherFinal_ex(ctx.get(), bytes(out) + kNonceSize + written, &final_bytes) == 1,
        "AES-256-GCM finish");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                            bytes(out) + kNonceSize + plaintext.size()) == 1,
        "AES-256-GCM tag");
  return out;
}

std::string open_sealed(std::string_view key, std::string_view box, std::string_view label) {
  if (box.size() < kNonceSize + kTagSize) throw CryptoError("sealed value is truncated");
  std::string_view nonce = box.substr(0, kNonceSize);
  std::string_view sealed = box.substr(kNonceSize, box.size() - kNonceSize - kTagSize);
  std::string tag(box.substr(box.size() - kTagSize));
  auto ctx = start(key, nonce, label, false);
  std::string out(sealed.size(), '\0');
  int written = 0;
  check(EVP_CipherUpdate(ctx.get(), bytes(out), &written, bytes(sealed),
                         static_cast<int>(sealed.size())) == 1,
        "AES-256-GCM decrypt");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1,
        "AES-256-GCM tag");
  int final_bytes = 0;
  if (EVP_CipherFinal_ex(ctx.get(), bytes(out) + written, &final_bytes) != 1)
    throw CryptoError("sealed value does not open with this key (wrong key, or altered)");
  return out;
}

}  // namespace hindsight::common::crypto
