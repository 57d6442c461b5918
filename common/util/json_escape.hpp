// How a JSON string writes a byte that cannot stand as itself (RFC 8259 section 7, in the one
// form RFC 8785 allows): the two-character escapes for '"', '\\', \b, \f, \n, \r and \t, and
// \u00xx in lower-case hex for the other control characters.
#pragma once

#include <string>

namespace hindsight::common {

// Appends the escape of `c` and returns true when `c` needs one; otherwise appends nothing.
inline bool append_json_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      return true;
    case '\\':
      out += "\\\\";
      return true;
    case '\b':
      out += "\\b";
      return true;
    case '\f':
      out += "\\f";
      return true;
    case '\n':
      out += "\\n";
      return true;
    case '\r':
      out += "\\r";
      return true;
    case '\t':
      out += "\\t";
      return true;
    default:
      if (c >= 0x20) return false;
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      return true;
  }
}

}  // namespace hindsight::common
