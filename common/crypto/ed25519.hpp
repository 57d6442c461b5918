// Ed25519 (RFC 8032) over raw keys: 32-byte public keys, 32-byte private keys (the seed),
// 64-byte signatures. Bytes travel as std::string.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::common::crypto {

struct Ed25519KeyPair {
  std::string public_key;
  std::string private_key;
};

Ed25519KeyPair ed25519_generate();
std::string ed25519_public_key(std::string_view private_key);
std::string ed25519_sign(std::string_view private_key, std::string_view message);
// False for a wrong signature, and for a key or signature of the wrong length.
bool ed25519_verify(std::string_view public_key, std::string_view message,
                    std::string_view signature);

}  // namespace hindsight::common::crypto
