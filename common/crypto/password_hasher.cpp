#include "common/crypto/password_hasher.hpp"

#include <argon2.h>

#include <stdexcept>

#include "common/crypto/random.hpp"

namespace hindsight::common::crypto {

std::string PasswordHasher::hash(std::string_view password) const {
  constexpr std::size_t kSaltLength = 16;
  constexpr std::size_t kHashLength = 32;
  std::string salt = random_bytes(kSaltLength);
  std::size_t encoded_length =
      argon2_encodedlen(params_.time_cost, params_.memory_kib, params_.parallelism, kSaltLength,
                        kHashLength, Argon2_id);
  std::string encoded(encoded_length, '\0');
  int rc = argon2id_hash_encoded(params_.time_cost, params_.memory_kib, params_.parallelism,
                                 password.data(), password.size(), salt.data(), salt.size(),
                                 kHashLength, encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    throw std::runtime_error(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool PasswordHasher::verify(std::string_view password, const std::string& encoded) const {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace hindsight::common::crypto
