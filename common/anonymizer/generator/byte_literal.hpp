// Build-time tools' helper: bytes as a C++ string literal, for data embedded in the binary.
#pragma once

#include <cstdio>
#include <ostream>

namespace hindsight::common::anonymizer::generator {

// Hex escapes, 32 bytes a line; each escape is followed by another or by the closing quote, so
// none runs into a following hex digit.
inline void write_byte_literal(std::ostream& out, const char* bytes, std::size_t size) {
  char escape[5];
  out << "    \"";
  for (std::size_t i = 0; i < size; ++i) {
    if (i > 0 && i % 32 == 0) out << "\"\n    \"";
    std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned char>(bytes[i]));
    out << escape;
  }
  out << "\"";
}

}  // namespace hindsight::common::anonymizer::generator
