// RFC 9530 Content-Digest: the sender writes the SHA-256 of the exact body bytes; the receiver
// checks every digest it knows (sha-256, sha-512) and refuses a field that offers none of them.
#pragma once

#include <string>
#include <string_view>

namespace hindsight::federation {

// "sha-256=:<base64>:", the value of the Content-Digest field for `body`.
std::string content_digest_field(std::string_view body);

enum class ContentDigestCheck {
  kMatches,           // every digest we know matches, and there is at least one
  kMismatch,          // a digest we know does not match (or is not a Byte Sequence)
  kNoKnownAlgorithm,  // none of the field's algorithms is one we compute
};

// Throws sf::StructuredFieldError when `field_value` is not a Dictionary (section 2).
ContentDigestCheck check_content_digest(std::string_view field_value, std::string_view body);

}  // namespace hindsight::federation
