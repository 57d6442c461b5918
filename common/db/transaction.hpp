// Runs a unit of work in one transaction on a pooled connection: commit when the function
// returns, roll back when it throws. A lost connection becomes DatabaseUnavailable.
#pragma once

#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "common/db/connection_pool.hpp"
#include "common/db/database_error.hpp"
#include "common/db/statement.hpp"

namespace hindsight::common::db {

class Transaction {
 public:
  Transaction(PooledConnection& conn, pqxx::transaction_base& tx) : conn_(conn), tx_(tx) {}

  template <typename... Args>
  pqxx::result exec(const Statement& statement, Args&&... args) {
    prepare(statement);
    return tx_.exec_prepared(std::string(statement.name), std::forward<Args>(args)...);
  }

  // For statements whose parameter count depends on the request (optional filters).
  pqxx::result exec_dynamic(const Statement& statement, const std::vector<std::string>& params) {
    prepare(statement);
    return tx_.exec_prepared(std::string(statement.name),
                             pqxx::prepare::make_dynamic_params(params.begin(), params.end()));
  }

  pqxx::transaction_base& raw() { return tx_; }

  // Says the work changes rows a cache in this process holds (postmortem documents,
  // credentials): after the commit the writer waits until this process's caches have heard the
  // change (ConnectionPool::write_committed), so its next read here sees its own write. Other
  // writes return at once; this one costs a round trip through the change feed.
  void changes_cached_rows() { changes_cached_rows_ = true; }
  bool changed_cached_rows() const { return changes_cached_rows_; }

  // Runs `effect` once the transaction has committed (never when it rolls back): for what must
  // not happen for a refused change, such as counting it in /metrics. Must not throw.
  void after_commit(std::function<void()> effect) { after_commit_.push_back(std::move(effect)); }
  void run_after_commit() noexcept {
    for (auto& effect : after_commit_)
      effect();
  }

 private:
  void prepare(const Statement& statement);

  PooledConnection& conn_;
  pqxx::transaction_base& tx_;
  bool changes_cached_rows_ = false;
  std::vector<std::function<void()>> after_commit_;
};

// Turns a lost connection into DatabaseUnavailable (discarding it); other errors pass through.
void rethrow_if_connection_lost(const std::exception& e, ConnectionPool::Lease& lease);

template <typename Tx, typename F>
auto run_transaction(ConnectionPool& pool, F&& work) {
  auto lease = pool.acquire();
  try {
    Tx tx(lease->connection);
    Transaction t(*lease, tx);
    auto committed = [&] {
      if (t.changed_cached_rows()) pool.write_committed(lease->connection);
      t.run_after_commit();
    };
    if constexpr (std::is_void_v<decltype(work(t))>) {
      work(t);
      tx.commit();
      committed();
    } else {
      auto result = work(t);
      tx.commit();
      committed();
      return result;
    }
  } catch (const std::exception& e) {
    rethrow_if_connection_lost(e, lease);
    throw;
  }
}

template <typename F>
auto with_transaction(ConnectionPool& pool, F&& work) {
  return run_transaction<pqxx::work>(pool, std::forward<F>(work));
}

// One statement needs no BEGIN/COMMIT around it: a single round trip, for the hot reads
// (authentication, reading a document by key).
template <typename... Args>
pqxx::result read_one(ConnectionPool& pool, const Statement& statement, Args&&... args) {
  return run_transaction<pqxx::nontransaction>(
      pool, [&](Transaction& tx) { return tx.exec(statement, std::forward<Args>(args)...); });
}

// Read-only work in a READ ONLY transaction.
template <typename F>
auto with_read_transaction(ConnectionPool& pool, F&& work) {
  return run_transaction<pqxx::read_transaction>(pool, std::forward<F>(work));
}

}  // namespace hindsight::common::db
