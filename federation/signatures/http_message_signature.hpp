// RFC 9421 HTTP Message Signatures with Ed25519: the signer writes the Signature-Input and
// Signature fields; the verifier reads them back and checks the signature against a key.
//
// A receiver follows FEDERATION.md's order: read_signature (a field that does not parse is a
// 400, no signature a 401), then its own checks on the returned parameters (key id's origin,
// rate, subscription; signature_checks.hpp for the window, nonce and components; the digest),
// and verify_signature last, which also proves @target-uri names this receiver.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/crypto/ed25519.hpp"
#include "federation/signatures/message_components.hpp"
#include "federation/signatures/signature_parameters.hpp"
#include "federation/signatures/signature_policy.hpp"
#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation {

struct SignatureFields {
  std::string signature_input;  // the value of the Signature-Input field
  std::string signature;        // the value of the Signature field
};

class RequestSigner {
 public:
  RequestSigner(std::string key_id, common::crypto::Ed25519PrivateKey key)
      : key_id_(std::move(key_id)), key_(std::move(key)) {}

  // A signature as signature_policy asks: its label, components, alg and tag, created `now`,
  // expiring after the policy's lifetime, with a fresh nonce. With a body, `request.fields`
  // must hold Content-Digest and Content-Type.
  SignatureFields sign(const RequestParts& request, bool has_body,
                       std::chrono::system_clock::time_point now) const;
  // A signature over exactly these parameters (keyid is set to this signer's), under `label`.
  SignatureFields sign(const RequestParts& request, SignatureParameters parameters,
                       std::string_view label) const;

 private:
  std::string key_id_;
  common::crypto::Ed25519PrivateKey key_;
};

struct ReceivedSignature {
  sf::InnerList input;             // the Signature-Input member as received
  SignatureParameters parameters;  // the same, read
  std::string signature;           // the bytes of the Signature member
};

// RFC 9421 section 3.2, steps 1 to 3. nullopt when neither field has a member named `label`.
// Throws sf::StructuredFieldError when a field is not a Dictionary, and SignatureError
// (kMalformed) when only one field has the member or a member has the wrong type.
std::optional<ReceivedSignature> read_signature(const FieldLookup& fields,
                                                std::string_view label = signature_policy::kLabel);

// Section 3.2, steps 6 to 9: recreates the signature base from `request` as received and
// verifies the signature with `key`. Throws SignatureError: kWrongAlgorithm when alg names
// another algorithm, a component error, or kBadSignature.
void verify_signature(const ReceivedSignature& received, const RequestParts& request,
                      const common::crypto::Ed25519PublicKey& key);

}  // namespace hindsight::federation
