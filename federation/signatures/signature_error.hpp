// Why a request signature (RFC 9421) was refused: one reason per rule, so the receiver can
// answer with the status and message FEDERATION.md gives that rule.
#pragma once

#include <stdexcept>
#include <string>

namespace hindsight::federation {

class SignatureError : public std::runtime_error {
 public:
  enum class Reason {
    kMalformed,             // Signature-Input or Signature parse but do not follow RFC 9421
    kUnsupportedComponent,  // a covered component this implementation does not derive
    kComponentUnavailable,  // a covered field is absent, or a value cannot enter the base
    kMissingComponent,      // the policy requires a component the signature does not cover
    kMissingParameter,      // created, expires, nonce, keyid, alg or tag is absent
    kWrongAlgorithm,        // alg is not ed25519
    kWrongTag,              // tag is not the protocol's
    kBadNonce,              // the nonce is not at least 16 bytes of base64url
    kCreatedOutOfWindow,    // created is too far from the receiver's clock
    kExpired,               // expires has passed, or precedes created
    kLifetimeTooLong,       // expires - created is over the policy's maximum
    kBadSignature,          // the signature does not verify with the key
  };
  SignatureError(Reason reason, const std::string& message)
      : std::runtime_error(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

}  // namespace hindsight::federation
