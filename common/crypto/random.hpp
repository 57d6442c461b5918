// Cryptographically secure random bytes (OpenSSL's DRBG) for tokens, nonces and passwords.
#pragma once

#include <string>

namespace hindsight::common::crypto {

std::string random_bytes(std::size_t n);
// n random bytes, base64url without padding.
std::string random_base64url(std::size_t n);

}  // namespace hindsight::common::crypto
