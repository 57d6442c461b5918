// API tokens: 32 random bytes shown once to their owner; the database keeps only SHA-256 of
// the token. A token has 256 bits of entropy, so a fast hash is enough (no Argon2 needed) and
// lookup by hash stays one index probe per request.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::common::crypto {

inline constexpr std::string_view kApiTokenPrefix = "hs_";

std::string generate_api_token();                    // "hs_" + base64url(32 bytes)
// Hex SHA-256 of a random token (API tokens, session cookies, CSRF tokens): what is stored.
std::string token_hash(std::string_view token);

}  // namespace hindsight::common::crypto
