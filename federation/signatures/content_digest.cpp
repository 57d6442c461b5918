#include "federation/signatures/content_digest.hpp"

#include "common/crypto/digest.hpp"
#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation {
namespace {

// The algorithms of the Hash Algorithms for HTTP Digest Fields registry (RFC 9530 section 5)
// that are "Active"; the deprecated ones (md5, sha, unixsum, ...) count as unknown.
using DigestFunction = std::string (*)(std::string_view);

DigestFunction digest_for(std::string_view algorithm) {
  if (algorithm == "sha-256") return common::crypto::sha256;
  if (algorithm == "sha-512") return common::crypto::sha512;
  return nullptr;
}

}  // namespace

std::string content_digest_field(std::string_view body) {
  sf::Dictionary field;
  field.set("sha-256", sf::Item{sf::ByteSequence{common::crypto::sha256(body)}, {}});
  return sf::serialize_dictionary(field);
}

ContentDigestCheck check_content_digest(std::string_view field_value, std::string_view body) {
  sf::Dictionary field = sf::parse_dictionary(field_value);
  bool checked_one = false;
  for (const auto& [algorithm, member] : field) {
    DigestFunction digest = digest_for(algorithm);
    if (digest == nullptr) continue;
    const auto* item = std::get_if<sf::Item>(&member);
    const auto* expected = item ? std::get_if<sf::ByteSequence>(&item->value) : nullptr;
    // Parameters are ignored: section 2 defines none.
    if (expected == nullptr || !common::crypto::constant_time_equal(expected->bytes, digest(body)))
      return ContentDigestCheck::kMismatch;
    checked_one = true;
  }
  return checked_one ? ContentDigestCheck::kMatches : ContentDigestCheck::kNoKnownAlgorithm;
}

}  // namespace hindsight::federation
