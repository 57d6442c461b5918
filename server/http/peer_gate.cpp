#include "server/http/peer_gate.hpp"

#include "common/db/transaction.hpp"
#include "federation/inbound/admission.hpp"

namespace hindsight::server {
namespace db = common::db;

boost::asio::awaitable<Response> PeerGate::handle(Request& request, const Route& route) const {
  federation::InboundRequest inbound{request.method, request.target,
                                     federation::field_lookup(request.headers), request.body};
  request.peer = co_await verifier_.verify(inbound);
  if (route.peer_fast_path)
    if (auto response = co_await route.peer_fast_path(request)) co_return std::move(*response);
  co_return co_await blocking_.run([&] {
    return db::with_transaction(pool_, [&](db::Transaction& tx) {
      federation::admit_request(tx, *request.peer);
      return route.peer_handler(request, tx);
    });
  });
}

}  // namespace hindsight::server
