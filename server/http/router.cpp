#include "server/http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace hindsight::server {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end;
  }
  if (!path.empty() && path.back() == '/' && path.size() > 1) out.emplace_back();  // trailing '/'
  return out;
}

namespace {

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Route& route, const std::vector<std::string>& parts,
             std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (is_param(seg)) {
      if (parts[i].empty()) return false;
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = parts[i];
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler,
                 Runs runs) {
  add_route({std::move(method), std::move(pattern), access, std::move(handler), runs, {}, {}});
}

void Router::add_async(std::string method, std::string pattern, Access access,
                       AsyncHandler handler) {
  add_route({std::move(method),
             std::move(pattern),
             access,
             {},
             Runs::on_io_thread,
             std::move(handler),
             {}});
}

void Router::add_peer(std::string method, std::string pattern, PeerHandler handler,
                      PeerFastPath fast_path) {
  Route route{std::move(method), std::move(pattern), Access::peer, {}, Runs::blocking, {}, {}};
  route.peer_handler = std::move(handler);
  route.peer_fast_path = std::move(fast_path);
  add_route(std::move(route));
}

void Router::add_route(Route route) {
  route.segments = split_path(route.pattern);
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern)
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
  }
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(Request& request) const {
  auto parts = split_path(request.path);
  RouteMatch result;
  // Literal segments win over parameters: try routes whose pattern has fewer parameters first.
  const Route* best = nullptr;
  int best_params = 0;
  for (const auto& route : routes_) {
    if (!matches(route, parts, nullptr)) continue;
    if (route.method != request.method) {
      auto& allowed = result.allowed_methods;
      if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end())
        allowed.push_back(route.method);
      continue;
    }
    int params = 0;
    for (const auto& seg : route.segments)
      params += is_param(seg) ? 1 : 0;
    if (best == nullptr || params < best_params) {
      best = &route;
      best_params = params;
    }
  }
  if (best != nullptr) {
    matches(*best, parts, &request.path_params);
    result.route = best;
  }
  return result;
}

}  // namespace hindsight::server
