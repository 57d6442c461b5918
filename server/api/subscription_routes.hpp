// Admin routes for subscriptions both ways (DESIGN.md "HTTP surface", docs/federation.md "How an
// operator subscribes"): this instance's subscriptions to publishers, and the requests of its
// subscribers. Thin: the work is in federation/subscriptions.
#pragma once

#include "common/db/connection_pool.hpp"
#include "federation/subscriptions/subscription_requester.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

void add_subscription_routes(Router& router, federation::SubscriptionRequester& requester,
                             common::db::ConnectionPool& pool);

}  // namespace hindsight::server
