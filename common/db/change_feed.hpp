// Keeps in-process caches coherent with the database. Triggers on the cached tables send
// `NOTIFY hindsight_changes, '<topic>:<key>'` when a transaction commits; one background task
// LISTENs on its own connection and hands every change to the subscribers. While that connection is
// down the feed is not live and caches must read through; when it comes back every subscriber
// is reset, because changes made in between were never heard.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "common/log/logger.hpp"
#include "common/runtime/blocking_pool.hpp"

struct pg_conn;

namespace hindsight::common::db {

inline constexpr const char* kChangeChannel = "hindsight_changes";

class ChangeFeed {
 public:
  class Subscriber {
   public:
    virtual ~Subscriber() = default;
    // One committed change: `topic` names what changed (a table), `key` which row.
    virtual void changed(std::string_view topic, std::string_view key) = 0;
    // Changes may have been missed: forget everything.
    virtual void reset() = 0;
  };

  ChangeFeed(std::string conninfo, Logger& logger);
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // A subscriber stays until it unsubscribes (at the latest, in its destructor).
  void subscribe(Subscriber& subscriber);
  void unsubscribe(Subscriber& subscriber);

  // Listens until cancelled (a background task), reconnecting with backoff while the database
  // is away. Connecting, which blocks, runs on `blocking`.
  boost::asio::awaitable<void> run(runtime::BlockingPool& blocking);

  // True while changes are being heard; caches read through otherwise.
  bool live() const { return live_.load(std::memory_order_acquire); }

  // Returns once every change committed on any connection before the call has reached the
  // subscribers, so a writer's next read in this process sees its own write. `conn` is any
  // idle connection (the writer's, just committed). Other processes hear the change a moment
  // later, when their feed delivers it. Blocks: call it from the blocking pool.
  void catch_up(pqxx::connection_base& conn);

 private:
  boost::asio::awaitable<void> listen_until_broken(pg_conn* conn);
  void deliver(std::string_view payload);
  void went_down();
  void reset_subscribers();

  std::string conninfo_;
  Logger& logger_;
  std::string process_tag_;       // tells this process's catch-up markers from other processes'
  std::mutex subscribers_mutex_;  // held while calling subscribers, so none goes mid-call
  std::vector<Subscriber*> subscribers_;
  std::atomic<bool> live_{false};

  std::mutex sync_mutex_;
  std::condition_variable sync_seen_;
  std::uint64_t sync_sent_ = 0;
  std::uint64_t sync_heard_ = 0;
};

}  // namespace hindsight::common::db
