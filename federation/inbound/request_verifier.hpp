// The checks every request to /federation/v1/* passes before a handler sees it, in the order
// FEDERATION.md gives ("Request signatures"), the first failure deciding the answer: a body
// over 1 MiB (413) or a signature field that is not a structured field (400); no signature
// (401); the key id's origin blocked (403) or over its rate (429); no subscription with it
// either way (403, except a subscription request); then the signature itself (401): key,
// time window, nonce form, digest, and the signature over this instance's own URL.
//
// The standing (blocked, subscribed) is read from a cache kept coherent by the change feed, and
// read again in the transaction of the handler's own work, where the nonce is remembered
// (inbound/admission): a block that this process has not heard of yet still refuses the request,
// and a request refused on any later rule leaves nothing behind.
// Every refusal is a common::ApiError with the status and a message naming the rule.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "common/runtime/blocking_pool.hpp"
#include "federation/discovery/discovery_client.hpp"
#include "federation/inbound/origin_rate_limiter.hpp"
#include "federation/inbound/verified_peer.hpp"
#include "federation/peers/peer_standing_cache.hpp"
#include "federation/signatures/message_components.hpp"

namespace hindsight::federation {

// The largest request body a peer may send.
inline constexpr std::size_t kMaxFederationBody = 1024 * 1024;

struct InboundRequest {
  std::string_view method;
  std::string_view target;  // as received on the request line: "/federation/v1/...?..."
  FieldLookup fields;
  std::string_view body;
};

class RequestVerifier {
 public:
  // `own_origin` is this instance's public origin (read at each request: it is final only once
  // the listener knows its port).
  RequestVerifier(const std::string& own_origin, DiscoveryClient& discovery,
                  OriginRateLimiter& rate, common::runtime::BlockingPool& blocking,
                  PeerStandingCache& standings);

  boost::asio::awaitable<VerifiedPeer> verify(const InboundRequest& request) const;

 private:
  const std::string& own_origin_;
  DiscoveryClient& discovery_;
  OriginRateLimiter& rate_;
  common::runtime::BlockingPool& blocking_;
  PeerStandingCache& standings_;
};

}  // namespace hindsight::federation
