#include "common/db/connection_pool.hpp"

#include "common/db/database_error.hpp"

namespace hindsight::common::db {

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->give_back(std::move(conn_));
}

ConnectionPool::ConnectionPool(std::string conninfo, std::size_t size,
                               std::chrono::milliseconds acquire_timeout)
    : conninfo_(std::move(conninfo)),
      size_(size == 0 ? 1 : size),
      acquire_timeout_(acquire_timeout) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_ptr<PooledConnection> conn;
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, acquire_timeout_, [&] { return leased_ < size_; }))
      throw DatabaseUnavailable("no database connection became free in time");
    ++leased_;
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (conn && !conn->connection.is_open()) conn.reset();
  if (!conn) {
    try {
      conn = std::make_unique<PooledConnection>(conninfo_);
    } catch (const std::exception& e) {
      give_back(nullptr);
      throw DatabaseUnavailable(std::string("cannot connect to the database: ") + e.what());
    }
  }
  return Lease(this, std::move(conn));
}

void ConnectionPool::give_back(std::unique_ptr<PooledConnection> conn) {
  {
    std::lock_guard lock(mutex_);
    --leased_;
    if (conn && conn->connection.is_open()) idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

std::size_t ConnectionPool::in_use() const {
  std::lock_guard lock(mutex_);
  return leased_;
}

}  // namespace hindsight::common::db
