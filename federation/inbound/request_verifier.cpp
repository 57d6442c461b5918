#include "federation/inbound/request_verifier.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/discovery/origin.hpp"
#include "federation/inbound/refusals.hpp"
#include "federation/peers/peer_standing_cache.hpp"
#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/http_message_signature.hpp"
#include "federation/signatures/signature_checks.hpp"
#include "federation/signatures/signature_error.hpp"
#include "federation/signatures/signature_policy.hpp"

namespace hindsight::federation {
namespace asio = boost::asio;
using common::ApiError;
using Clock = std::chrono::system_clock;

namespace {

ApiError malformed_field(std::string_view names, std::string field, const std::exception& e) {
  return ApiError::bad_request(
      "invalid_header", fmt::format("the {} field is not a structured field: {}", names, e.what()),
      std::move(field));
}

bool is_subscription_request(const InboundRequest& request) {
  std::string_view path = request.target.substr(0, request.target.find('?'));
  return request.method == "POST" && path == kSubscriptionsPath;
}

// Content-Digest's field lines combined (RFC 9110 section 5.3); nullopt when it is absent.
std::optional<std::string> digest_field(const InboundRequest& request) {
  auto lines = request.fields("content-digest");
  if (lines.empty()) return std::nullopt;
  std::string joined;
  for (auto line : lines)
    joined += (joined.empty() ? "" : ", ") + std::string(line);
  return joined;
}

// The only field besides the signature's own that the receiver parses before the signature.
void parse_digest_field(const InboundRequest& request) {
  auto digest = digest_field(request);
  if (!digest) return;
  try {
    sf::parse_dictionary(*digest);
  } catch (const sf::StructuredFieldError& e) {
    throw malformed_field("Content-Digest", "content-digest", e);
  }
}

void check_digest(const InboundRequest& request) {
  auto digest = digest_field(request);
  if (!digest) return;  // a body without one fails on its covered components
  switch (check_content_digest(*digest, request.body)) {
    case ContentDigestCheck::kMatches:
      return;
    case ContentDigestCheck::kMismatch:
      throw refused("the Content-Digest does not match the body", "content-digest");
    case ContentDigestCheck::kNoKnownAlgorithm:
      throw refused("the Content-Digest offers neither sha-256 nor sha-512", "content-digest");
  }
}

std::string signature_failure(const SignatureError& e, const std::string& own_origin,
                              std::string_view target) {
  if (e.reason() == SignatureError::Reason::kBadSignature)
    return fmt::format(
        "the signature does not verify for this request to {}{}: signed with another key, for "
        "another instance's URL, or altered on the way",
        own_origin, target.substr(0, target.find('?')));
  return e.what();
}

}  // namespace

RequestVerifier::RequestVerifier(const std::string& own_origin, DiscoveryClient& discovery,
                                 OriginRateLimiter& rate, common::runtime::BlockingPool& blocking,
                                 PeerStandingCache& standings)
    : own_origin_(own_origin),
      discovery_(discovery),
      rate_(rate),
      blocking_(blocking),
      standings_(standings) {}

asio::awaitable<VerifiedPeer> RequestVerifier::verify(const InboundRequest& request) const {
  if (request.body.size() > kMaxFederationBody)
    throw ApiError(
        413, "payload_too_large",
        fmt::format("a federation request body may hold at most {} bytes", kMaxFederationBody));
  std::optional<ReceivedSignature> received;
  try {
    received = read_signature(request.fields);
  } catch (const sf::StructuredFieldError& e) {
    throw malformed_field("Signature-Input or Signature", "signature-input", e);
  } catch (const SignatureError& e) {
    throw refused(e.what(), "signature-input");
  }
  parse_digest_field(request);
  if (!received)
    throw refused(fmt::format("the request is not signed: Signature-Input and Signature have no "
                              "member \"{}\"",
                              signature_policy::kLabel),
                  "signature");
  const SignatureParameters& parameters = received->parameters;
  std::optional<std::string> origin =
      parameters.keyid ? origin_of_key_id(*parameters.keyid) : std::nullopt;
  if (!origin)
    throw refused("the signature's keyid is not a key id of an instance's discovery document",
                  "signature-input");

  std::optional<PeerStanding> standing = standings_.peek(*origin);
  if (!standing) standing = co_await blocking_.run([&] { return standings_.get(*origin); });
  if (standing->blocked) throw blocked(*origin);
  if (auto wait = rate_.admit(*origin))
    throw ApiError(429, "rate_limited",
                   fmt::format("{} sends more requests than this instance accepts; retry in {} s",
                               *origin, wait->count()))
        .with("retry_after", wait->count());
  bool subscription_request = is_subscription_request(request);
  if (!standing->has_subscription && !subscription_request) throw not_subscribed(*origin);

  auto now = Clock::now();
  bool has_body = signature_policy::request_has_body(request.method, request.body.size());
  try {
    check_required_parameters(parameters);
    check_covered_components(parameters, has_body);
    check_time_window(parameters, now);
    check_nonce(parameters);
  } catch (const SignatureError& e) {
    throw refused(e.what(), "signature-input");
  }
  std::optional<PeerKey> key;
  PeerDiscovery document;
  try {
    key = co_await discovery_.key(*origin, *parameters.keyid);
    document = co_await discovery_.discover(*origin);  // cached by now: the sender's other keys
  } catch (const std::exception& e) {  // DiscoveryError, HttpsError: the key cannot be known
    throw refused(fmt::format("the keys of {} could not be read: {}", *origin, e.what()),
                  "signature-input");
  }
  if (!key)
    throw refused(fmt::format("{} publishes no key {} valid now", *origin, *parameters.keyid),
                  "signature-input");
  check_digest(request);
  RequestParts parts{request.method, request.target, Origin::parse(own_origin_), request.fields};
  try {
    verify_signature(*received, parts, common::crypto::Ed25519PublicKey::from_raw(key->public_key));
  } catch (const SignatureError& e) {
    throw refused(signature_failure(e, own_origin_, request.target), "signature");
  }

  VerifiedPeer peer{*origin, *parameters.keyid, {}, *parameters.nonce, {}, subscription_request};
  // A replay is refused for its age after this, so the nonce need not be kept longer.
  auto created = Clock::time_point(std::chrono::seconds(*parameters.created));
  auto expires = Clock::time_point(std::chrono::seconds(*parameters.expires));
  peer.nonce_keep_until = std::max(created + signature_policy::kMaxClockSkew, expires);
  for (const auto& k : document.keys)
    if (k.valid_at(now)) peer.keys.push_back(k);
  co_return peer;
}

}  // namespace hindsight::federation
