#include "common/crypto/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "common/crypto/openssl_handles.hpp"

namespace hindsight::common::crypto {

std::string sha256(std::string_view bytes) {
  std::string out(32, '\0');
  unsigned int size = 0;
  check(EVP_Digest(bytes.data(), bytes.size(), reinterpret_cast<unsigned char*>(out.data()), &size,
                   EVP_sha256(), nullptr) == 1,
        "SHA-256");
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hindsight::common::crypto
