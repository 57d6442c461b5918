// The route table: method + path pattern ("/api/v1/postmortems/{id}") -> handler, with the
// least role allowed to call it. The table is also what the OpenAPI and authorization tests
// walk, so a route cannot exist without being documented and covered.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "http/request.hpp"

namespace hindsight::server {

// Who may call a route.
enum class Access { anyone, signed_in, member, reviewer, admin };

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
};

struct RouteMatch {
  const Route* route = nullptr;              // null: no route for this method and path
  std::vector<std::string> allowed_methods;  // other methods the path has (for 405)
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler);
  // Fills request.path_params on a match.
  RouteMatch match(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace hindsight::server
