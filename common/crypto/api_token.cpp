#include "common/crypto/api_token.hpp"

#include "common/crypto/digest.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/random.hpp"

namespace hindsight::common::crypto {

std::string generate_api_token() {
  return std::string(kApiTokenPrefix) + random_base64url(32);
}

std::string token_hash(std::string_view token) {
  return hex_encode(sha256(token));
}

}  // namespace hindsight::common::crypto
