#include "common/crypto/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "common/crypto/openssl_handles.hpp"

namespace hindsight::common::crypto {

namespace {

std::string digest(std::string_view bytes, const EVP_MD* md, std::size_t size, const char* what) {
  std::string out(size, '\0');
  unsigned int written = 0;
  check(EVP_Digest(bytes.data(), bytes.size(), reinterpret_cast<unsigned char*>(out.data()),
                   &written, md, nullptr) == 1 &&
            written == size,
        what);
  return out;
}

}  // namespace

std::string sha256(std::string_view bytes) {
  return digest(bytes, EVP_sha256(), 32, "SHA-256");
}

std::string sha512(std::string_view bytes) {
  return digest(bytes, EVP_sha512(), 64, "SHA-512");
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hindsight::common::crypto
