// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string a lesson document's
// signature covers, whatever order or spacing the JSON travelled in.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace hindsight::federation {

class CanonicalJsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Members sorted by the UTF-16 code units of their names (section 3.2.3), strings escaped as
// section 3.2.2.2 says, every number written as ECMAScript writes an IEEE double (3.2.2.3), so
// integers beyond 2^53 are rounded as JavaScript would. Throws CanonicalJsonError for NaN,
// Infinity, text that is not UTF-8, binary values, and nesting over 256 levels.
std::string canonical_json(const nlohmann::json& value);

}  // namespace hindsight::federation
