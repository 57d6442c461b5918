// SHA-256 and SHA-512 over bytes.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::common::crypto {

std::string sha256(std::string_view bytes);  // 32 raw bytes
std::string sha512(std::string_view bytes);  // 64 raw bytes
// Equality that takes the same time wherever the first difference is (secrets, tokens).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace hindsight::common::crypto
