// Subscribing to another instance (FEDERATION.md, "Subscriptions", step 1), as an admin asks
// it: read the peer's discovery document, record a pending subscription, send the signed
// request, and keep the publisher's answer. A request the publisher refuses, or that never
// reaches it, leaves nothing behind.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "common/audit/audit_writer.hpp"
#include "common/db/connection_pool.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "federation/discovery/discovery_client.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/http/https_client.hpp"
#include "federation/identity/signing_key_cache.hpp"
#include "federation/pull/puller.hpp"

namespace hindsight::federation {

struct SubscribeRequest {
  std::string origin;  // the publisher, in normal form
  std::vector<std::string> topics;
  std::string message;
};

struct SubscribeResult {
  std::string id;
  std::string state;  // pending, or accepted by the publisher's policy
  std::string peer_name;
};

class SubscriptionRequester {
 public:
  SubscriptionRequester(const InstanceIdentity& identity, common::db::ConnectionPool& pool,
                        common::runtime::BlockingPool& blocking, const HttpsClient& client,
                        DiscoveryClient& discovery, SigningKeyCache& keys, Puller& puller)
      : identity_(identity),
        pool_(pool),
        blocking_(blocking),
        client_(client),
        discovery_(discovery),
        keys_(keys),
        puller_(puller) {}

  // Throws common::ApiError: 502 `peer_unreachable` (no discovery document, no answer) or
  // `peer_refused` (an answer other than 202 with an id and a state), 409 when a subscription
  // to the peer is live, 403 when it is blocked.
  boost::asio::awaitable<SubscribeResult> subscribe(common::audit::Actor actor,
                                                    SubscribeRequest request);
  // The peer's discovery document, read by this server: what an admin sees before subscribing.
  // Throws common::ApiError 502 `peer_unreachable`.
  boost::asio::awaitable<PeerDiscovery> preview(std::string origin);

 private:
  const InstanceIdentity& identity_;
  common::db::ConnectionPool& pool_;
  common::runtime::BlockingPool& blocking_;
  const HttpsClient& client_;
  DiscoveryClient& discovery_;
  SigningKeyCache& keys_;
  Puller& puller_;
};

}  // namespace hindsight::federation
