// Connections to other instances kept open between requests (HTTP/1.1 keep-alive), so a burst of
// deliveries to one peer pays a TCP and TLS handshake per connection rather than per request.
// A connection is kept only for a short while (well under the idle timeouts servers commonly
// use), and one the peer has closed meanwhile is never handed out again.
#pragma once

#include <boost/asio/execution_context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace hindsight::federation {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// Where a connection leads, and the io_context its socket belongs to (a connection is only
// reused by requests running on that context).
struct ConnectionKey {
  const boost::asio::execution_context* context = nullptr;
  std::string host;
  std::string port;
  bool operator==(const ConnectionKey&) const = default;
};

class IdleConnections {
 public:
  IdleConnections(std::chrono::milliseconds keep_for, std::size_t max_idle);
  ~IdleConnections();
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;

  // The most recently used open connection to `key`, or null.
  std::unique_ptr<TlsStream> take(const ConnectionKey& key);
  // Keeps a connection whose last exchange ended cleanly; the oldest one goes when full.
  void put(ConnectionKey key, std::unique_ptr<TlsStream> stream);

 private:
  struct Idle {
    ConnectionKey key;
    std::unique_ptr<TlsStream> stream;
    std::chrono::steady_clock::time_point since;
  };
  // Removes the connections kept too long; returns them so they close outside the lock.
  std::deque<Idle> expired(std::chrono::steady_clock::time_point now);

  const std::chrono::milliseconds keep_for_;
  const std::size_t max_idle_;
  std::mutex mutex_;
  std::deque<Idle> idle_;  // oldest first
};

}  // namespace hindsight::federation
