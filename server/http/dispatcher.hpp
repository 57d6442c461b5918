// Takes a parsed request through the fixed steps: route, authenticate (a user, or a peer by its
// request signature), authorize, handle, map errors; and records every answer in the request log
// and the metrics. It runs on the I/O threads and sends blocking handlers to the blocking pool.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>

#include "common/log/logger.hpp"
#include "common/metrics/metrics_registry.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "server/auth/authenticator.hpp"
#include "server/http/peer_gate.hpp"
#include "server/http/router.hpp"
#include "server/http/static_files.hpp"

namespace hindsight::server {

class Dispatcher {
 public:
  Dispatcher(const Router& router, const Authenticator& authenticator, const PeerGate& peer_gate,
             const StaticFiles& static_files, common::runtime::BlockingPool& blocking,
             common::MetricsRegistry& metrics, common::Logger& logger);

  boost::asio::awaitable<Response> handle(Request& request);

  // Logs one answered request and counts it (also for answers the listener makes itself, such
  // as 413 for an oversized body).
  void record(const Request& request, const std::string& route, int status, std::size_t bytes,
              std::chrono::steady_clock::duration elapsed);

 private:
  boost::asio::awaitable<Response> route_and_handle(Request& request, std::string& route_label);

  const Router& router_;
  const Authenticator& authenticator_;
  const PeerGate& peer_gate_;
  const StaticFiles& static_files_;
  common::runtime::BlockingPool& blocking_;
  common::MetricFamily& requests_;
  common::MetricFamily& latency_;
  common::Logger& logger_;
};

// /api/..., /federation/..., /.well-known/hindsight, /public/...: never the frontend's files.
bool is_api_path(std::string_view path);

}  // namespace hindsight::server
