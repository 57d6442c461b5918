// What hindsight-federation/1 asks of every request signature (FEDERATION.md, "Request
// signatures"), in one place: the label, algorithm and tag, the covered components, the windows.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string_view>

namespace hindsight::federation::signature_policy {

inline constexpr std::string_view kLabel = "hs";
inline constexpr std::string_view kAlgorithm = "ed25519";
inline constexpr std::string_view kTag = "hindsight-federation/1";

// `created` may differ from the receiver's clock by this much either way.
inline constexpr std::chrono::seconds kMaxClockSkew{300};
// expires - created may be at most this; the signer uses all of it.
inline constexpr std::chrono::seconds kMaxLifetime{300};
inline constexpr std::size_t kNonceBytes = 16;  // random bytes, sent as base64url

inline constexpr std::string_view kComponentsWithBody[] = {"@method", "@target-uri",
                                                           "content-digest", "content-type"};
inline constexpr std::string_view kComponentsWithoutBody[] = {"@method", "@target-uri"};

// Whether a request counts as carrying a body: GET and DELETE carry none; anything else does,
// and so does a GET or DELETE that has one after all (its bytes must not go unsigned).
inline bool request_has_body(std::string_view method, std::size_t body_size) {
  return body_size > 0 || (method != "GET" && method != "DELETE");
}

// The components a signature must cover: requests with a body (POST) also cover their digest
// and content type; GET and DELETE carry no body.
inline std::span<const std::string_view> required_components(bool has_body) {
  if (has_body) return kComponentsWithBody;
  return kComponentsWithoutBody;
}

}  // namespace hindsight::federation::signature_policy
