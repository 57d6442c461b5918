// Outgoing HTTPS requests to other instances. The peer's certificate is verified against the
// system store plus the optional --trust-ca file, including its host name; a request is bounded
// in time (one budget from the host name lookup to the last byte read) and in response size,
// since the URL may come from a stranger.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hindsight::federation {

struct HttpsRequest {
  std::string method = "GET";
  std::string url;  // https://host[:port]/path?query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpsResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string header(std::string_view name) const;  // "" when absent
};

// Looks up the addresses of `host`; it must stop when its coroutine is cancelled, which the
// client does at the request's deadline.
using HostLookup =
    std::function<boost::asio::awaitable<std::vector<boost::asio::ip::tcp::endpoint>>(
        std::string host, std::string port)>;

struct HttpsClientOptions {
  std::string trust_ca_file;  // extra CA certificates (PEM); empty: system store only
  bool use_system_store = true;
  std::chrono::milliseconds timeout{5000};  // the whole exchange, the lookup included
  std::size_t max_response_bytes = 64 * 1024;
  HostLookup lookup;  // empty: the system's resolver
  // Refuse peers whose addresses are loopback, private and the like (address_policy.hpp).
  bool public_addresses_only = false;
  // How long a connection stays open for the next request to the same host after an answer
  // (idle_connections.hpp); 0 closes it after each. With it on, the client must be destroyed
  // before the io_contexts async_send ran on, since it keeps their sockets.
  std::chrono::milliseconds keep_alive{0};
  std::size_t max_idle_connections = 64;  // all hosts together
};

class HttpsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HttpsClient {
 public:
  // Throws HttpsError when a CA store cannot be loaded.
  explicit HttpsClient(HttpsClientOptions options);
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // For coroutines running on an io_context; reuses a kept connection when there is one.
  boost::asio::awaitable<HttpsResponse> async_send(HttpsRequest request) const;
  // Blocking, on a private io_context, with a connection of its own: for CLI commands and tests.
  HttpsResponse send(HttpsRequest request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hindsight::federation
