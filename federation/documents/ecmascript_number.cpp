#include "federation/documents/ecmascript_number.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace hindsight::federation {

std::string ecmascript_number(double value) {
  if (!std::isfinite(value)) throw std::domain_error("NaN and Infinity have no JSON form");
  if (value == 0) return "0";  // step 2: +0 and -0
  std::string out;
  if (value < 0) {  // step 3
    out += '-';
    value = -value;
  }
  // Step 5's s, k and n: to_chars gives the shortest round-trip digits, choosing the closest
  // to the value among several, as step 5 requires, in the form d.ddde±x.
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  auto e = text.find('e');
  std::string digits;  // s, k = digits.size()
  for (char c : text.substr(0, e))
    if (c != '.') digits += c;
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+'), text.data() + text.size(), exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the value is 0.s × 10^n
  if (k <= n && n <= 21) {     // step 6: an integer, padded with zeros
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {  // step 7: the point inside the digits
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {  // step 8: leading zeros after "0."
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {  // steps 9 and 10: exponential notation
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 < 0 ? '-' : '+';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace hindsight::federation
