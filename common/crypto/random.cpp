#include "common/crypto/random.hpp"

#include <openssl/rand.h>

#include "common/crypto/encoding.hpp"
#include "common/crypto/openssl_handles.hpp"

namespace hindsight::common::crypto {

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  check(RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) == 1,
        "RAND_bytes");
  return out;
}

std::string random_base64url(std::size_t n) {
  return base64url_encode(random_bytes(n));
}

}  // namespace hindsight::common::crypto
