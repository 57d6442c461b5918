// SHA-256 over bytes.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::common::crypto {

std::string sha256(std::string_view bytes);  // 32 raw bytes

}  // namespace hindsight::common::crypto
