// A double written as ECMAScript's Number::toString writes it (ECMA-262, 6.1.6.1.20): the
// shortest digits that read back as the same double, in the notation JavaScript chooses. This
// is how RFC 8785 (JCS) serializes every JSON number.
#pragma once

#include <string>

namespace hindsight::federation {

// -0 is written "0". Throws std::domain_error for NaN and the infinities, which JSON lacks.
std::string ecmascript_number(double value);

}  // namespace hindsight::federation
