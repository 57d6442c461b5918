#include "server/http/dispatcher.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "server/http/error_response.hpp"

namespace hindsight::server {

bool is_api_path(std::string_view path) {
  auto under = [&](std::string_view prefix) {
    return path == prefix || path.starts_with(std::string(prefix) + "/");
  };
  return under("/api") || under("/federation") || under("/.well-known/hindsight") ||
         under("/public");
}

Dispatcher::Dispatcher(const Router& router, const Authenticator& authenticator,
                       const PeerGate& peer_gate, const StaticFiles& static_files,
                       common::runtime::BlockingPool& blocking, common::MetricsRegistry& metrics,
                       common::Logger& logger)
    : router_(router),
      authenticator_(authenticator),
      peer_gate_(peer_gate),
      static_files_(static_files),
      blocking_(blocking),
      requests_(metrics.counter("hindsight_http_requests_total",
                                "HTTP requests answered, by method, route and status.",
                                {"method", "route", "status"})),
      latency_(metrics.histogram(
          "hindsight_http_request_duration_seconds",
          "Time from a complete request to its answer, by method, route and status.",
          {"method", "route", "status"}, common::default_latency_buckets())),
      logger_(logger) {}

boost::asio::awaitable<Response> Dispatcher::handle(Request& request) {
  auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  Response response;
  std::exception_ptr failure;
  try {
    response = co_await route_and_handle(request, route_label);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) response = response_for_exception(failure, request, logger_);
  record(request, route_label, response.status, response.body.size(),
         std::chrono::steady_clock::now() - started);
  co_return response;
}

boost::asio::awaitable<Response> Dispatcher::route_and_handle(Request& request,
                                                              std::string& route_label) {
  RouteMatch match = router_.match(request);
  if (match.route == nullptr) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const auto& m : match.allowed_methods)
        allow += (allow.empty() ? "" : ", ") + m;
      co_return error_response(
          405, "method_not_allowed",
          fmt::format("{} is not allowed here; allowed: {}", request.method, allow))
          .with_header("Allow", allow);
    }
    if (is_api_path(request.path))
      throw common::ApiError::not_found(
          fmt::format("no such route: {} {}", request.method, request.path));
    route_label = "static";
    co_return static_files_.serve(request);
  }
  const Route& route = *match.route;
  route_label = route.pattern;
  if (route.access == Access::peer) co_return co_await peer_gate_.handle(request, route);
  if (route.access != Access::anyone) {
    request.principal = co_await authenticator_.authenticate(request);
    if (!request.principal) throw common::ApiError::unauthenticated();
    auto needed = route.access == Access::admin      ? Role::admin
                  : route.access == Access::reviewer ? Role::reviewer
                                                     : Role::member;
    if (!request.principal->has(needed))
      throw common::ApiError::forbidden(fmt::format("this needs the {} role", role_name(needed)));
  }
  if (route.async_handler) co_return co_await route.async_handler(request);
  if (route.runs == Runs::on_io_thread) co_return route.handler(request);
  co_return co_await blocking_.run([&] { return route.handler(request); });
}

void Dispatcher::record(const Request& request, const std::string& route, int status,
                        std::size_t bytes, std::chrono::steady_clock::duration elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  std::string status_text = std::to_string(status);
  requests_.add({request.method, route, status_text}, 1);
  latency_.observe({request.method, route, status_text}, seconds);
  // Path without the query (it may hold search terms); never headers or bodies.
  logger_.info("request", {{"request_id", request.request_id},
                           {"method", request.method},
                           {"path", request.path},
                           {"route", route},
                           {"status", status},
                           {"bytes", bytes},
                           {"duration_ms", seconds * 1000.0},
                           {"remote", request.remote_address},
                           {"user", request.principal ? request.principal->username : ""},
                           {"peer", request.peer ? request.peer->origin : ""}});
}

}  // namespace hindsight::server
