// The rules FEDERATION.md applies to a request signature's parameters, one function each, so
// the receiver can run them in the protocol's order. Each throws SignatureError naming the rule;
// the values they enforce come from signature_policy.hpp.
#pragma once

#include <chrono>

#include "federation/signatures/signature_parameters.hpp"

namespace hindsight::federation {

// keyid, created, expires and nonce are present; alg is ed25519; tag is the protocol's.
void check_required_parameters(const SignatureParameters& parameters);

// The nonce is base64url of at least the policy's number of random bytes.
void check_nonce(const SignatureParameters& parameters);

// created lies within the policy's skew of `now`, either way; expires is neither before created
// nor past, and expires - created is within the policy's lifetime.
void check_time_window(const SignatureParameters& parameters,
                       std::chrono::system_clock::time_point now);

// Every component the policy requires for a request with or without a body is covered.
void check_covered_components(const SignatureParameters& parameters, bool has_body);

}  // namespace hindsight::federation
