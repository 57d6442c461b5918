#include "federation/signatures/signature_checks.hpp"

#include <algorithm>
#include <string>

#include "common/crypto/encoding.hpp"
#include "federation/signatures/signature_error.hpp"
#include "federation/signatures/signature_policy.hpp"

namespace hindsight::federation {

namespace policy = signature_policy;
using Reason = SignatureError::Reason;

void check_required_parameters(const SignatureParameters& parameters) {
  auto require = [](bool present, const char* name) {
    if (!present)
      throw SignatureError(Reason::kMissingParameter,
                           std::string("the signature has no '") + name + "' parameter");
  };
  require(parameters.keyid.has_value(), "keyid");
  require(parameters.created.has_value(), "created");
  require(parameters.expires.has_value(), "expires");
  require(parameters.nonce.has_value(), "nonce");
  require(parameters.alg.has_value(), "alg");
  require(parameters.tag.has_value(), "tag");
  if (*parameters.alg != policy::kAlgorithm)
    throw SignatureError(Reason::kWrongAlgorithm, "alg must be \"ed25519\"");
  if (*parameters.tag != policy::kTag)
    throw SignatureError(Reason::kWrongTag, "tag must be \"" + std::string(policy::kTag) + "\"");
}

void check_nonce(const SignatureParameters& parameters) {
  auto bytes = parameters.nonce ? common::crypto::base64url_decode(*parameters.nonce)
                                : std::optional<std::string>();
  if (!bytes || bytes->size() < policy::kNonceBytes)
    throw SignatureError(Reason::kBadNonce, "the nonce must be at least " +
                                                std::to_string(policy::kNonceBytes) +
                                                " random bytes in base64url");
}

void check_time_window(const SignatureParameters& parameters,
                       std::chrono::system_clock::time_point now) {
  if (!parameters.created || !parameters.expires)
    throw SignatureError(Reason::kMissingParameter, "the signature needs created and expires");
  const std::int64_t created = *parameters.created;
  const std::int64_t expires = *parameters.expires;
  const std::int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::int64_t skew = policy::kMaxClockSkew.count();
  // Differences stay far from overflow: Integers hold at most 15 digits (RFC 8941).
  if (created < seconds - skew || created > seconds + skew)
    throw SignatureError(
        Reason::kCreatedOutOfWindow,
        "created is more than " + std::to_string(skew) + " s away from the receiver's clock");
  if (expires < created) throw SignatureError(Reason::kExpired, "expires is before created");
  if (expires - created > policy::kMaxLifetime.count())
    throw SignatureError(
        Reason::kLifetimeTooLong,
        "expires - created is over " + std::to_string(policy::kMaxLifetime.count()) + " s");
  if (expires < seconds) throw SignatureError(Reason::kExpired, "the signature has expired");
}

void check_covered_components(const SignatureParameters& parameters, bool has_body) {
  for (auto required : policy::required_components(has_body)) {
    if (std::find(parameters.components.begin(), parameters.components.end(), required) ==
        parameters.components.end())
      throw SignatureError(Reason::kMissingComponent,
                           "the signature does not cover \"" + std::string(required) + "\"");
  }
}

}  // namespace hindsight::federation
