// The HTTPS listener: accepts connections on a pool of I/O threads, reads requests with
// header, body and idle deadlines, hands each to the Dispatcher, and shuts down gracefully:
// on stop() it closes the listening socket and idle connections, lets requests in flight
// finish (up to the shutdown timeout), then returns from run().
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/server_config.hpp"
#include "http/dispatcher.hpp"

namespace hindsight::server {

struct TlsFiles {
  std::string certificate_file;
  std::string private_key_file;
};

class HttpsServer {
 public:
  HttpsServer(const ServerConfig& config, const TlsFiles& tls, Dispatcher& dispatcher,
              common::Logger& logger);
  ~HttpsServer();

  // Binds and listens; returns the bound port (useful with port 0).
  uint16_t listen();
  // Serves until stop() or SIGINT/SIGTERM, then drains; `on_listening` runs once accepting.
  void run(const std::function<void()>& on_listening);
  // Thread-safe; may be called from a signal-watching thread or a test.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hindsight::server
