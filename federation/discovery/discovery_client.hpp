// Other instances' discovery documents, fetched over HTTPS under the bounds a stranger's origin
// calls for (https only, GET of the fixed path, no redirects, 5 s, 64 KB) and cached: refetched
// when older than an hour, and when a signature names a key the cached document lacks, at most
// once a minute per peer (docs/federation.md, "Identity and discovery"). Runs on the calling
// coroutine's executor: a fetch never holds a request thread. Callers that need the same peer
// while its document is being fetched wait for that one fetch instead of starting another.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "federation/discovery/peer_discovery.hpp"
#include "federation/http/https_client.hpp"

namespace hindsight::federation {

struct DiscoveryTiming {
  std::chrono::seconds max_age{3600};             // refetch a document older than this
  std::chrono::seconds min_refetch_interval{60};  // never fetch one peer more often
};

class DiscoveryClient {
 public:
  DiscoveryClient(const HttpsClient& client, DiscoveryTiming timing = {});

  // The peer's document: cached while younger than max_age, fetched otherwise. A document
  // older than max_age is never used, so a revoked key stops verifying within that age even
  // while the peer is unreachable. Throws DiscoveryError or HttpsError.
  boost::asio::awaitable<PeerDiscovery> discover(std::string origin);

  // The key `key_id` of `origin` valid now, refetching once (rate-limited) when the cached
  // document does not have it; nullopt when the peer does not publish it.
  boost::asio::awaitable<std::optional<PeerKey>> key(std::string origin, std::string key_id);

  // Forgets a peer (after it was blocked, say).
  void forget(const std::string& origin);

 private:
  struct Fetch;  // one fetch in flight and the callers waiting for it
  struct Entry {
    std::optional<PeerDiscovery> document;
    std::chrono::steady_clock::time_point fetched_at;
    std::optional<std::chrono::steady_clock::time_point> last_attempt;
    std::shared_ptr<Fetch> in_flight;
  };
  enum class Want { fresh, newer };  // a document younger than max_age / one fetched anew
  boost::asio::awaitable<PeerDiscovery> obtain(const std::string& origin, Want want);
  boost::asio::awaitable<PeerDiscovery> lead(const std::string& origin,
                                             std::shared_ptr<Fetch> fetch);
  boost::asio::awaitable<PeerDiscovery> join(std::shared_ptr<Fetch> fetch);
  void finish(const std::string& origin, Fetch& fetch);
  Entry& entry_for(const std::string& origin);  // mutex_ held

  const HttpsClient& client_;
  DiscoveryTiming timing_;
  std::mutex mutex_;
  std::map<std::string, Entry> peers_;
};

}  // namespace hindsight::federation
