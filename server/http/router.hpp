// The route table: method + path pattern ("/api/v1/postmortems/{id}") -> handler, with the
// least role allowed to call it. The table is also what the OpenAPI and authorization tests
// walk, so a route cannot exist without being documented and covered.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"
#include "server/http/request.hpp"

namespace hindsight::server {

// Who may call a route: a local user with at least a role, or another instance (`peer`), whose
// request signature is verified before the handler runs (FEDERATION.md, "Request signatures").
enum class Access { anyone, signed_in, member, reviewer, admin, peer };

// Where a plain handler runs. Most reach the database, so by default they run on the blocking
// pool; one that never blocks (health, metrics, a fixed document) answers on the I/O thread.
enum class Runs { blocking, on_io_thread };

using Handler = std::function<Response(Request&)>;
// For a handler that waits on I/O itself: it answers from memory when it can and sends only
// its blocking part to the pool (a cached read), or awaits another server.
using AsyncHandler = std::function<boost::asio::awaitable<Response>(Request&)>;
// For a peer's request: runs on the blocking pool inside the transaction that also records the
// request's nonce, so the work and the replay guard commit together or not at all.
using PeerHandler = std::function<Response(Request&, common::db::Transaction&)>;
// Tried first for a peer's request, once its signature verified: answers the requests it can
// take on its own way (admission included), and leaves the others (none) to the PeerHandler.
using PeerFastPath = std::function<boost::asio::awaitable<std::optional<Response>>(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;                    // set for plain handlers
  Runs runs = Runs::blocking;         // where `handler` runs
  AsyncHandler async_handler;         // set instead of `handler` for awaitable ones
  std::vector<std::string> segments;  // pattern split on '/'
  PeerHandler peer_handler;           // set instead of both for Access::peer routes
  PeerFastPath peer_fast_path;        // optional, for Access::peer routes
};

struct RouteMatch {
  const Route* route = nullptr;              // null: no route for this method and path
  std::vector<std::string> allowed_methods;  // other methods the path has (for 405)
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler,
           Runs runs = Runs::blocking);
  void add_async(std::string method, std::string pattern, Access access, AsyncHandler handler);
  void add_peer(std::string method, std::string pattern, PeerHandler handler,
                PeerFastPath fast_path = {});
  // Fills request.path_params on a match.
  RouteMatch match(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  void add_route(Route route);

  std::vector<Route> routes_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace hindsight::server
