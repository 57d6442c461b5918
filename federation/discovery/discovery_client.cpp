#include "federation/discovery/discovery_client.hpp"

#include <fmt/format.h>

#include "federation/discovery/discovery_document.hpp"

namespace hindsight::federation {
namespace asio = boost::asio;
using Steady = std::chrono::steady_clock;

namespace {

// Peers are instances this one has a subscription with, so few; the bound only stops a flood
// of names from growing the map without end.
constexpr std::size_t kMaxPeers = 4096;

}  // namespace

DiscoveryClient::DiscoveryClient(const HttpsClient& client, DiscoveryTiming timing)
    : client_(client), timing_(timing) {}

bool DiscoveryClient::may_fetch(const std::string& origin) {
  std::lock_guard lock(mutex_);
  auto now = Steady::now();
  auto it = peers_.find(origin);
  if (it == peers_.end()) {
    if (peers_.size() >= kMaxPeers) {
      auto oldest = peers_.begin();
      for (auto p = peers_.begin(); p != peers_.end(); ++p)
        if (p->second.last_attempt < oldest->second.last_attempt) oldest = p;
      peers_.erase(oldest);
    }
    peers_[origin].last_attempt = now;
    return true;
  }
  if (now - it->second.last_attempt < timing_.min_refetch_interval) return false;
  it->second.last_attempt = now;
  return true;
}

asio::awaitable<PeerDiscovery> DiscoveryClient::fetch(const std::string& origin) {
  HttpsRequest request;
  request.url = origin + kDiscoveryPath;
  request.headers = {{"Accept", "application/json"}};
  HttpsResponse response = co_await client_.async_send(std::move(request));
  if (response.status != 200)
    throw DiscoveryError(
        fmt::format("discovery of {} answered {}{}", origin, response.status,
                    response.status / 100 == 3 ? " (redirects are not followed)" : ""));
  PeerDiscovery document = parse_peer_discovery(origin, response.body);
  std::lock_guard lock(mutex_);
  auto& entry = peers_[origin];
  entry.document = document;
  entry.fetched_at = Steady::now();
  co_return document;
}

asio::awaitable<PeerDiscovery> DiscoveryClient::discover(std::string origin) {
  {
    std::lock_guard lock(mutex_);
    auto it = peers_.find(origin);
    if (it != peers_.end() && it->second.document &&
        Steady::now() - it->second.fetched_at < timing_.max_age)
      co_return *it->second.document;
  }
  if (!may_fetch(origin))
    throw DiscoveryError(
        fmt::format("discovery of {} was tried less than {} s ago; not fetching it again yet",
                    origin, timing_.min_refetch_interval.count()));
  co_return co_await fetch(origin);
}

asio::awaitable<std::optional<PeerKey>> DiscoveryClient::key(std::string origin,
                                                             std::string key_id) {
  PeerDiscovery document = co_await discover(origin);
  if (!document.key(key_id) && may_fetch(origin)) {
    try {
      document = co_await fetch(origin);
    } catch (const std::exception&) {
      // The cached document stands; the key stays unknown until a later refetch works.
    }
  }
  const PeerKey* key = document.key(key_id);
  if (!key || !key->valid_at(std::chrono::system_clock::now())) co_return std::nullopt;
  co_return *key;
}

void DiscoveryClient::forget(const std::string& origin) {
  std::lock_guard lock(mutex_);
  peers_.erase(origin);
}

}  // namespace hindsight::federation
