// The subscriber's catch-up (FEDERATION.md, "Pull catch-up"): pages of a publisher's changes
// after the subscription's cursor, each document verified against the publisher's keys and
// stored like a push, the cursor moving in the transaction that stores the page. Pulls run at
// start-up and every `interval` for every accepted subscription, and at once when a
// subscription is accepted or a push skipped a version (request()).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <string>

#include "common/db/connection_pool.hpp"
#include "common/log/logger.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "common/runtime/wakeup.hpp"
#include "federation/discovery/discovery_client.hpp"
#include "federation/http/https_client.hpp"
#include "federation/identity/signing_key_cache.hpp"
#include "federation/pull/pull_settings.hpp"

namespace hindsight::federation {

struct PullResult {
  long long stored = 0;   // versions newer than what was held
  long long refused = 0;  // documents that did not verify (skipped, the error recorded)
  int pages = 0;
};

class Puller {
 public:
  // `client` must accept answers as large as a page of lessons.
  Puller(boost::asio::any_io_executor executor, common::db::ConnectionPool& pool,
         common::runtime::BlockingPool& blocking, const HttpsClient& client,
         DiscoveryClient& discovery, SigningKeyCache& keys, PullSettings settings,
         common::Logger& logger);

  // Every accepted subscription, one after the other; failures are recorded and logged.
  boost::asio::awaitable<void> pull_all();
  // Pulls from `origin` until caught up. Throws what went wrong (after recording it on the
  // subscription). Nothing happens without an accepted subscription to `origin`.
  boost::asio::awaitable<PullResult> pull_from(std::string origin);

  // Thread-safe: a pull from `origin` soon, by serve_requests().
  void request(const std::string& origin);
  // Serves request() until cancelled.
  boost::asio::awaitable<void> serve_requests();

 private:
  boost::asio::awaitable<void> pull_logged(const std::string& origin);

  common::db::ConnectionPool& pool_;
  common::runtime::BlockingPool& blocking_;
  const HttpsClient& client_;
  DiscoveryClient& discovery_;
  SigningKeyCache& keys_;
  PullSettings settings_;
  common::Logger& logger_;
  common::runtime::Wakeup wakeup_;
  std::mutex mutex_;
  std::set<std::string> requested_;
};

}  // namespace hindsight::federation
