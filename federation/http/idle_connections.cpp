#include "federation/http/idle_connections.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <utility>

namespace hindsight::federation {

namespace {

// True while the peer has neither closed the connection nor sent anything unasked. After a
// complete answer a live connection has nothing to read: a FIN, a reset, or bytes such as a TLS
// close_notify all mean the peer is done with it.
bool still_open(TlsStream& stream) {
  auto& socket = boost::beast::get_lowest_layer(stream).socket();
  if (!socket.is_open()) return false;
  char byte = 0;
  ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

IdleConnections::IdleConnections(std::chrono::milliseconds keep_for, std::size_t max_idle)
    : keep_for_(keep_for), max_idle_(max_idle) {}

IdleConnections::~IdleConnections() = default;

std::deque<IdleConnections::Idle> IdleConnections::expired(
    std::chrono::steady_clock::time_point now) {
  std::deque<Idle> gone;
  while (!idle_.empty() && idle_.front().since + keep_for_ <= now) {
    gone.push_back(std::move(idle_.front()));
    idle_.pop_front();
  }
  return gone;
}

std::unique_ptr<TlsStream> IdleConnections::take(const ConnectionKey& key) {
  for (;;) {
    std::unique_ptr<TlsStream> stream;
    std::deque<Idle> gone;
    {
      std::lock_guard lock(mutex_);
      gone = expired(std::chrono::steady_clock::now());
      for (auto it = idle_.rbegin(); it != idle_.rend(); ++it) {
        if (it->key == key) {
          stream = std::move(it->stream);
          idle_.erase(std::next(it).base());
          break;
        }
      }
    }
    if (!stream || still_open(*stream)) return stream;
  }
}

void IdleConnections::put(ConnectionKey key, std::unique_ptr<TlsStream> stream) {
  if (max_idle_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  std::deque<Idle> gone;
  std::lock_guard lock(mutex_);
  gone = expired(now);
  if (idle_.size() >= max_idle_) {
    gone.push_back(std::move(idle_.front()));
    idle_.pop_front();
  }
  idle_.push_back({std::move(key), std::move(stream), now});
}

}  // namespace hindsight::federation
