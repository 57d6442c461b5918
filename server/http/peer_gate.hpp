// Where a request to a peer route goes before its handler: the federation request checks
// (federation/inbound/request_verifier), then the handler in one transaction with the peer's
// standing read again and the request's nonce, so a refused or failed request stores nothing,
// its nonce included.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "common/db/connection_pool.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "federation/inbound/request_verifier.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

class PeerGate {
 public:
  PeerGate(const federation::RequestVerifier& verifier, common::db::ConnectionPool& pool,
           common::runtime::BlockingPool& blocking)
      : verifier_(verifier), pool_(pool), blocking_(blocking) {}

  // Sets request.peer, then runs the route's fast path, or its handler when the fast path leaves
  // the request to it; throws common::ApiError for a refused request.
  boost::asio::awaitable<Response> handle(Request& request, const Route& route) const;

 private:
  const federation::RequestVerifier& verifier_;
  common::db::ConnectionPool& pool_;
  common::runtime::BlockingPool& blocking_;
};

}  // namespace hindsight::server
