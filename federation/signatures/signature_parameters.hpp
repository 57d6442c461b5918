// The signature parameters of RFC 9421 section 2.3: the covered components and the created,
// expires, nonce, alg, keyid and tag parameters, read from and written to a Signature-Input
// member (an Inner List of Strings with Parameters).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation {

struct SignatureParameters {
  std::vector<std::string> components;  // covered component names, in order
  std::optional<std::int64_t> created;  // UNIX seconds
  std::optional<std::int64_t> expires;
  std::optional<std::string> nonce;
  std::optional<std::string> alg;
  std::optional<std::string> keyid;
  std::optional<std::string> tag;
};

// Parameters in FEDERATION.md's order: created, expires, nonce, keyid, alg, tag; absent ones
// are left out.
sf::InnerList to_inner_list(const SignatureParameters& parameters);

// Throws SignatureError(kMalformed) when a component is not a String or a known parameter has
// the wrong type. Parameters this implementation does not know are left out here, but they
// stay in the Inner List, and so in the signature base.
SignatureParameters from_inner_list(const sf::InnerList& input);

}  // namespace hindsight::federation
