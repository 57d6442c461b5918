#include "db/change_feed.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "crypto/random.hpp"

namespace hindsight::common::db {
namespace {

using namespace std::chrono_literals;

constexpr auto kCatchUpTimeout = 2s;
constexpr std::string_view kSyncTopic = "sync";

struct PgConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct PgResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
struct PgNotifyCloser {
  void operator()(PGnotify* notify) const { PQfreemem(notify); }
};

std::string connection_error(PGconn* conn) {
  std::string message = conn ? PQerrorMessage(conn) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  return message;
}

}  // namespace

ChangeFeed::ChangeFeed(std::string conninfo, Logger& logger)
    : conninfo_(std::move(conninfo)),
      logger_(logger),
      process_tag_(crypto::random_base64url(12)),
      wakeup_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (wakeup_fd_ < 0) throw std::runtime_error("eventfd failed");
}

ChangeFeed::~ChangeFeed() {
  stop();
  close(wakeup_fd_);
}

void ChangeFeed::subscribe(Subscriber& subscriber) {
  std::lock_guard lock(subscribers_mutex_);
  subscribers_.push_back(&subscriber);
}

void ChangeFeed::unsubscribe(Subscriber& subscriber) {
  std::lock_guard lock(subscribers_mutex_);
  std::erase(subscribers_, &subscriber);
}

void ChangeFeed::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  std::uint64_t drained;
  [[maybe_unused]] auto read_bytes = read(wakeup_fd_, &drained, sizeof drained);
  thread_ = std::thread([this] { run(); });
}

void ChangeFeed::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = write(wakeup_fd_, &one, sizeof one);
  thread_.join();
  went_down();
}

void ChangeFeed::catch_up(pqxx::connection_base& conn) {
  if (!live()) return;
  std::uint64_t marker;
  {
    std::lock_guard lock(sync_mutex_);
    marker = ++sync_sent_;
  }
  try {
    pqxx::nontransaction tx(conn);
    tx.exec_params("SELECT pg_notify($1, $2)", kChangeChannel,
                   std::string(kSyncTopic) + ":" + process_tag_ + "/" + std::to_string(marker));
  } catch (const std::exception& e) {
    // The write has committed; if this process cannot confirm it heard it, it forgets all.
    logger_.warn("change feed catch-up failed; caches cleared", {{"error", e.what()}});
    reset_subscribers();
    return;
  }
  std::unique_lock lock(sync_mutex_);
  bool heard =
      sync_seen_.wait_for(lock, kCatchUpTimeout, [&] { return sync_heard_ >= marker || !live(); });
  if (!heard) {
    lock.unlock();
    logger_.warn("change feed did not hear its catch-up marker in time; caches cleared");
    reset_subscribers();
  }
}

void ChangeFeed::run() {
  auto backoff = 100ms;
  while (!stopping_) {
    try {
      listen_until_broken();
      backoff = 100ms;
    } catch (const std::exception& e) {
      if (!stopping_)
        logger_.warn("change feed lost the database; caches read through until it is back",
                     {{"error", e.what()}});
    }
    went_down();
    if (stopping_) break;
    pollfd wake{wakeup_fd_, POLLIN, 0};
    poll(&wake, 1, static_cast<int>(backoff.count()));
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, 5s);
  }
}

void ChangeFeed::listen_until_broken() {
  std::unique_ptr<PGconn, PgConnCloser> conn(PQconnectdb(conninfo_.c_str()));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error(connection_error(conn.get()));
  std::unique_ptr<PGresult, PgResultCloser> listen(
      PQexec(conn.get(), (std::string("LISTEN ") + kChangeChannel).c_str()));
  if (PQresultStatus(listen.get()) != PGRES_COMMAND_OK)
    throw std::runtime_error(connection_error(conn.get()));
  // Whatever changed before LISTEN took effect was never heard.
  reset_subscribers();
  live_.store(true, std::memory_order_release);

  pollfd fds[2] = {{PQsocket(conn.get()), POLLIN, 0}, {wakeup_fd_, POLLIN, 0}};
  while (!stopping_) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("poll failed");
    }
    if (fds[1].revents != 0) break;
    if (PQconsumeInput(conn.get()) == 0) throw std::runtime_error(connection_error(conn.get()));
    while (std::unique_ptr<PGnotify, PgNotifyCloser> notify{PQnotifies(conn.get())})
      deliver(notify->extra);
    if (PQstatus(conn.get()) != CONNECTION_OK)
      throw std::runtime_error(connection_error(conn.get()));
  }
}

void ChangeFeed::deliver(std::string_view payload) {
  std::size_t colon = payload.find(':');
  std::string_view topic = payload.substr(0, colon);
  std::string_view key = colon == std::string_view::npos ? "" : payload.substr(colon + 1);
  if (topic == kSyncTopic) {
    std::string_view prefix = process_tag_;
    if (!key.starts_with(prefix) || key.size() < prefix.size() + 2) return;
    std::uint64_t marker = std::stoull(std::string(key.substr(prefix.size() + 1)));
    {
      std::lock_guard lock(sync_mutex_);
      sync_heard_ = std::max(sync_heard_, marker);
    }
    sync_seen_.notify_all();
    return;
  }
  std::lock_guard lock(subscribers_mutex_);
  for (Subscriber* subscriber : subscribers_)
    subscriber->changed(topic, key);
}

void ChangeFeed::went_down() {
  live_.store(false, std::memory_order_release);
  reset_subscribers();
  { std::lock_guard lock(sync_mutex_); }  // a writer between its check and its wait still wakes
  sync_seen_.notify_all();                // writers waiting for a marker read through from now on
}

void ChangeFeed::reset_subscribers() {
  std::lock_guard lock(subscribers_mutex_);
  for (Subscriber* subscriber : subscribers_)
    subscriber->reset();
}

}  // namespace hindsight::common::db
