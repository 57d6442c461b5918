// Secrets kept at rest under a key-encryption key: AES-256-GCM with a fresh random nonce per
// seal, bound to a label (associated data) so a sealed value cannot be moved to another row.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::common::crypto {

inline constexpr std::size_t kSealKeySize = 32;

// nonce (12) || ciphertext || tag (16). `key` is kSealKeySize bytes.
std::string seal(std::string_view key, std::string_view plaintext, std::string_view label);

// Throws CryptoError when the key is wrong or the box, or its label, was altered.
std::string open_sealed(std::string_view key, std::string_view box, std::string_view label);

}  // namespace hindsight::common::crypto
