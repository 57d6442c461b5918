// Sends what the outbox holds (FEDERATION.md, "Push delivery"). Each worker claims due rows with
// FOR UPDATE SKIP LOCKED, moving their next attempt past the time a send may take (the lease), so
// several workers and several server processes on one database each send a row once, and rows
// claimed by a process that died are due again when the lease ends. A lesson is signed when it is
// sent, with the key current then. A 2xx deletes the row; anything else sets the next attempt by
// the backoff policy, and a row still failing after `give_up_after` is dead until an admin retries
// it. A batch's subscription events go first, in order; its lessons then go at once, and the
// ones delivered are recorded in one transaction, so a peer's delivery status is one write per
// batch rather than one per lesson. Workers wake when any process queues a row (the change
// feed), else at the next due row.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/db/change_feed.hpp"
#include "common/db/connection_pool.hpp"
#include "common/log/logger.hpp"
#include "common/metrics/metrics_registry.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "common/runtime/wakeup.hpp"
#include "federation/discovery/discovery_client.hpp"
#include "federation/http/https_client.hpp"
#include "federation/identity/signing_key_cache.hpp"
#include "federation/outbox/delivery_settings.hpp"

namespace hindsight::federation {

class DeliveryWorkers final : public common::db::ChangeFeed::Subscriber {
 public:
  // `deliveries` counts sends by peer and outcome ("delivered", "failed").
  DeliveryWorkers(boost::asio::any_io_executor executor, common::db::ConnectionPool& pool,
                  common::runtime::BlockingPool& blocking, const HttpsClient& client,
                  DiscoveryClient& discovery, SigningKeyCache& keys,
                  common::db::ChangeFeed& changes, DeliverySettings settings,
                  common::Logger& logger, common::MetricFamily& deliveries);
  ~DeliveryWorkers() override;

  // Worker `index` (0 to settings.workers - 1): sends until cancelled.
  boost::asio::awaitable<void> run(unsigned index);
  unsigned count() const { return static_cast<unsigned>(wakeups_.size()); }
  // Every worker looks for due rows now.
  void wake();

  void changed(std::string_view topic, std::string_view key) override;
  void reset() override { wake(); }

  struct Claimed;

 private:
  struct Batch;
  Batch claim();
  boost::asio::awaitable<void> deliver(const Batch& batch);
  // Whether the peer took the row; a refusal or error is recorded before this returns.
  boost::asio::awaitable<bool> deliver(const Claimed& row, const SigningKey& key);
  boost::asio::awaitable<HttpsResponse> send(const Claimed& row, const SigningKey& key);
  void record_successes(const std::vector<const Claimed*>& rows);
  void record_failure(const Claimed& row, const std::string& error);

  common::db::ConnectionPool& pool_;
  common::runtime::BlockingPool& blocking_;
  const HttpsClient& client_;
  DiscoveryClient& discovery_;
  SigningKeyCache& keys_;
  common::db::ChangeFeed& changes_;
  DeliverySettings settings_;
  common::Logger& logger_;
  common::MetricFamily& deliveries_;
  std::vector<std::unique_ptr<common::runtime::Wakeup>> wakeups_;
};

}  // namespace hindsight::federation
