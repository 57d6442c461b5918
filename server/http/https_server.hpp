// The HTTPS listener: accepts connections on the application's io_context, reads requests with
// header, body and idle deadlines, and hands each to the Dispatcher. drain() is its shutdown
// step: it closes the listening socket and idle connections, lets requests in flight finish,
// and returns once no connection is left.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "server/config/server_config.hpp"
#include "server/http/dispatcher.hpp"

namespace hindsight::server {

struct TlsFiles {
  std::string certificate_file;
  std::string private_key_file;
};

class HttpsServer {
 public:
  HttpsServer(boost::asio::io_context& io, const ServerConfig& config, const TlsFiles& tls,
              Dispatcher& dispatcher, common::Logger& logger);
  ~HttpsServer();

  // Binds and listens; returns the bound port (useful with port 0).
  uint16_t listen();
  // Starts accepting connections.
  void start();
  boost::asio::awaitable<void> drain();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hindsight::server
