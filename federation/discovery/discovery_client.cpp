#include "federation/discovery/discovery_client.hpp"

#include <fmt/format.h>

#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <vector>

#include "federation/discovery/discovery_document.hpp"

namespace hindsight::federation {
namespace asio = boost::asio;
using Steady = std::chrono::steady_clock;

namespace {

// Peers are instances this one has a subscription with, so few; the bound only stops a flood
// of names from growing the map without end.
constexpr std::size_t kMaxPeers = 4096;

}  // namespace

struct DiscoveryClient::Fetch {
  bool done = false;
  std::optional<PeerDiscovery> document;
  std::exception_ptr error;
  std::vector<std::function<void()>> waiters;  // each resumes one caller on its own executor
};

DiscoveryClient::DiscoveryClient(const HttpsClient& client, DiscoveryTiming timing)
    : client_(client), timing_(timing) {}

DiscoveryClient::Entry& DiscoveryClient::entry_for(const std::string& origin) {
  auto it = peers_.find(origin);
  if (it != peers_.end()) return it->second;
  if (peers_.size() >= kMaxPeers) {
    auto oldest = peers_.end();
    for (auto p = peers_.begin(); p != peers_.end(); ++p)
      if (!p->second.in_flight &&
          (oldest == peers_.end() || p->second.last_attempt < oldest->second.last_attempt))
        oldest = p;
    if (oldest != peers_.end()) peers_.erase(oldest);
  }
  return peers_[origin];
}

asio::awaitable<PeerDiscovery> DiscoveryClient::obtain(const std::string& origin, Want want) {
  std::shared_ptr<Fetch> fetch;
  bool leader = false;
  {
    std::lock_guard lock(mutex_);
    Entry& entry = entry_for(origin);
    auto now = Steady::now();
    bool fresh = entry.document && now - entry.fetched_at < timing_.max_age;
    if (want == Want::fresh && fresh) co_return *entry.document;
    if (entry.in_flight) {
      fetch = entry.in_flight;
    } else if (!entry.last_attempt || now - *entry.last_attempt >= timing_.min_refetch_interval) {
      entry.last_attempt = now;
      fetch = entry.in_flight = std::make_shared<Fetch>();
      leader = true;
    } else if (fresh) {
      co_return *entry.document;  // not newer, but the best there is until the interval ends
    } else {
      throw DiscoveryError(
          fmt::format("discovery of {} was tried less than {} s ago; not fetching it again yet",
                      origin, timing_.min_refetch_interval.count()));
    }
  }
  if (leader) co_return co_await lead(origin, std::move(fetch));
  co_return co_await join(std::move(fetch));
}

asio::awaitable<PeerDiscovery> DiscoveryClient::lead(const std::string& origin,
                                                     std::shared_ptr<Fetch> fetch) {
  try {
    HttpsRequest request;
    request.url = origin + kDiscoveryPath;
    request.headers = {{"Accept", "application/json"}};
    HttpsResponse response = co_await client_.async_send(std::move(request));
    if (response.status != 200)
      throw DiscoveryError(
          fmt::format("discovery of {} answered {}{}", origin, response.status,
                      response.status / 100 == 3 ? " (redirects are not followed)" : ""));
    fetch->document = parse_peer_discovery(origin, response.body);
  } catch (...) {
    fetch->error = std::current_exception();
  }
  finish(origin, *fetch);
  if (fetch->error) std::rethrow_exception(fetch->error);
  co_return *fetch->document;
}

void DiscoveryClient::finish(const std::string& origin, Fetch& fetch) {
  std::vector<std::function<void()>> waiters;
  {
    std::lock_guard lock(mutex_);
    fetch.done = true;
    waiters.swap(fetch.waiters);
    auto it = peers_.find(origin);
    if (it != peers_.end() && it->second.in_flight.get() == &fetch) {
      it->second.in_flight.reset();
      if (fetch.document) {
        it->second.document = fetch.document;
        it->second.fetched_at = Steady::now();
      }
    }
  }
  for (auto& resume : waiters)
    resume();
}

asio::awaitable<PeerDiscovery> DiscoveryClient::join(std::shared_ptr<Fetch> fetch) {
  auto initiate = [&](auto handler) {
    // The guard keeps the caller's executor running while it waits on another coroutine.
    auto executor = asio::get_associated_executor(handler);
    auto waiting = std::make_shared<
        std::pair<decltype(handler), asio::executor_work_guard<decltype(executor)>>>(
        std::move(handler), asio::make_work_guard(executor));
    std::function<void()> resume = [waiting] {
      auto on = waiting->second.get_executor();
      asio::post(on, std::move(waiting->first));
      waiting->second.reset();
    };
    std::lock_guard lock(mutex_);
    if (fetch->done)
      resume();
    else
      fetch->waiters.push_back(std::move(resume));
  };
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(initiate,
                                                                        asio::use_awaitable);
  if (fetch->error) std::rethrow_exception(fetch->error);
  co_return *fetch->document;
}

asio::awaitable<PeerDiscovery> DiscoveryClient::discover(std::string origin) {
  co_return co_await obtain(origin, Want::fresh);
}

asio::awaitable<std::optional<PeerKey>> DiscoveryClient::key(std::string origin,
                                                             std::string key_id) {
  PeerDiscovery document = co_await obtain(origin, Want::fresh);
  if (!document.key(key_id)) {
    try {
      document = co_await obtain(origin, Want::newer);
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
  peers_.erase(origin);  // a fetch in flight finishes for its waiters and is then dropped
}

}  // namespace hindsight::federation
