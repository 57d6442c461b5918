// The signature base of RFC 9421 section 2.5: the exact bytes an HTTP message signature signs.
#pragma once

#include <string>

#include "federation/signatures/message_components.hpp"
#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation {

// `input` is one Signature-Input member: the covered components, in order, and the signature
// parameters, which become the "@signature-params" line. Throws SignatureError when a component
// repeats, has parameters (none is supported), or has no value in `request`.
std::string signature_base(const sf::InnerList& input, const RequestParts& request);

}  // namespace hindsight::federation
