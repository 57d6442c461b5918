#include "common/db/change_feed.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>

#include "common/crypto/random.hpp"

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

using Connection = std::unique_ptr<PGconn, PgConnCloser>;

std::string connection_error(PGconn* conn) {
  std::string message = conn ? PQerrorMessage(conn) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  return message;
}

// Blocking: opens the listening connection.
Connection connect_and_listen(const std::string& conninfo) {
  Connection conn(PQconnectdb(conninfo.c_str()));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error(connection_error(conn.get()));
  std::unique_ptr<PGresult, PgResultCloser> listen(
      PQexec(conn.get(), (std::string("LISTEN ") + kChangeChannel).c_str()));
  if (PQresultStatus(listen.get()) != PGRES_COMMAND_OK)
    throw std::runtime_error(connection_error(conn.get()));
  return conn;
}

bool is_cancellation(const boost::system::system_error& e) {
  return e.code() == boost::asio::error::operation_aborted;
}

}  // namespace

ChangeFeed::ChangeFeed(std::string conninfo, Logger& logger)
    : conninfo_(std::move(conninfo)), logger_(logger), process_tag_(crypto::random_base64url(12)) {}

void ChangeFeed::subscribe(Subscriber& subscriber) {
  std::lock_guard lock(subscribers_mutex_);
  subscribers_.push_back(&subscriber);
}

void ChangeFeed::unsubscribe(Subscriber& subscriber) {
  std::lock_guard lock(subscribers_mutex_);
  std::erase(subscribers_, &subscriber);
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

boost::asio::awaitable<void> ChangeFeed::run(runtime::BlockingPool& blocking) {
  boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor);
  auto backoff = 100ms;
  for (;;) {
    std::string failure;
    try {
      Connection conn = co_await blocking.run([this] { return connect_and_listen(conninfo_); });
      backoff = 100ms;
      co_await listen_until_broken(conn.get());
    } catch (const boost::system::system_error& e) {
      if (is_cancellation(e)) {
        went_down();
        throw;
      }
      failure = e.what();
    } catch (const std::exception& e) {
      failure = e.what();
    }
    went_down();
    logger_.warn("change feed lost the database; caches read through until it is back",
                 {{"error", failure}});
    pause.expires_after(backoff);
    co_await pause.async_wait(boost::asio::use_awaitable);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, 5s);
  }
}

boost::asio::awaitable<void> ChangeFeed::listen_until_broken(PGconn* conn) {
  // A duplicate of libpq's socket, so the descriptor object closes only its own copy.
  int fd = dup(PQsocket(conn));
  if (fd < 0) throw std::runtime_error("cannot watch the listening connection's socket");
  boost::asio::posix::stream_descriptor socket(co_await boost::asio::this_coro::executor, fd);
  // Whatever changed before LISTEN took effect was never heard.
  reset_subscribers();
  live_.store(true, std::memory_order_release);
  for (;;) {
    co_await socket.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                               boost::asio::use_awaitable);
    if (PQconsumeInput(conn) == 0) throw std::runtime_error(connection_error(conn));
    while (std::unique_ptr<PGnotify, PgNotifyCloser> notify{PQnotifies(conn)})
      deliver(notify->extra);
    if (PQstatus(conn) != CONNECTION_OK) throw std::runtime_error(connection_error(conn));
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
