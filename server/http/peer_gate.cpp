#include "server/http/peer_gate.hpp"

#include "common/db/transaction.hpp"
#include "federation/inbound/admission.hpp"

namespace hindsight::server {
namespace db = common::db;

boost::asio::awaitable<Response> PeerGate::handle(Request& request,
                                                  const PeerHandler& handler) const {
  federation::InboundRequest inbound{request.method, request.target,
                                     federation::field_lookup(request.headers), request.body};
  request.peer = co_await verifier_.verify(inbound);
  co_return co_await blocking_.run([&] {
    return db::with_transaction(pool_, [&](db::Transaction& tx) {
      federation::admit_request(tx, *request.peer);
      return handler(request, tx);
    });
  });
}

}  // namespace hindsight::server
