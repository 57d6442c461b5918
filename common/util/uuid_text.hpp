// Whether text has the form of a UUID (8-4-4-4-12 hex digits), checked before it reaches a
// uuid column, so a malformed id in a path is a 404 rather than a database error.
#pragma once

#include <cctype>
#include <string_view>

namespace hindsight::common {

inline bool looks_like_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace hindsight::common
