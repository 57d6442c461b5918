// A fixed-size pool of PostgreSQL connections, opened lazily. A connection that breaks (the
// database restarted) is dropped and replaced on a later acquire, so the server recovers by
// itself once the database is back.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace hindsight::common::db {

struct PooledConnection {
  explicit PooledConnection(const std::string& conninfo) : connection(conninfo) {}
  pqxx::connection connection;
  std::unordered_set<std::string> prepared;  // statement names prepared on this connection
};

class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    // The moved-from lease owns nothing and returns nothing when it is destroyed.
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PooledConnection& operator*() const { return *conn_; }
    PooledConnection* operator->() const { return conn_.get(); }
    // Closes the connection instead of returning it (it broke or is in an unknown state).
    void discard() { conn_.reset(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<PooledConnection> conn_;
  };

  ConnectionPool(std::string conninfo, std::size_t size,
                 std::chrono::milliseconds acquire_timeout = std::chrono::seconds(5));
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Waits up to the acquire timeout for a free slot; throws DatabaseUnavailable when none frees
  // up or a new connection cannot be opened.
  Lease acquire();

  // Runs on the writer's connection after a committed transaction that asked for
  // changes_cached_rows() (the change feed's catch-up). Set once, before the pool is used.
  void on_write_committed(std::function<void(pqxx::connection_base&)> hook) {
    write_committed_ = std::move(hook);
  }
  void write_committed(pqxx::connection_base& conn) const {
    if (write_committed_) write_committed_(conn);
  }

  std::size_t size() const { return size_; }
  std::size_t in_use() const;
  const std::string& conninfo() const { return conninfo_; }

 private:
  void give_back(std::unique_ptr<PooledConnection> conn);

  std::string conninfo_;
  std::size_t size_;
  std::chrono::milliseconds acquire_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PooledConnection>> idle_;
  std::size_t leased_ = 0;
  std::function<void(pqxx::connection_base&)> write_committed_;
};

}  // namespace hindsight::common::db
