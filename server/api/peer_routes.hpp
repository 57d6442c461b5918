// Admin routes for other instances (DESIGN.md "HTTP surface", docs/federation.md "Delivery
// status" and "Blocking"): delivery status per peer and retry, block and unblock, a peer's
// discovery name before subscribing, and the auto-accept policy.
#pragma once

#include <functional>
#include <string>

#include "common/db/connection_pool.hpp"
#include "federation/subscriptions/subscription_requester.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

// `on_blocked` runs after a block commits (to forget what is cached about the peer).
// `on_retry` runs after a retry commits (to wake the delivery workers).
struct PeerRouteHooks {
  std::function<void(const std::string& origin)> on_blocked;
  std::function<void()> on_retry;
};

void add_peer_routes(Router& router, federation::SubscriptionRequester& requester,
                     common::db::ConnectionPool& pool, PeerRouteHooks hooks);

}  // namespace hindsight::server
