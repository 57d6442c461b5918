// The connection pool against a real PostgreSQL: a lease counts once however often it is moved,
// so the pool's count of leased connections stays exact and its limit holds.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "common/db/connection_pool.hpp"
#include "common/db/database_error.hpp"
#include "tests/support/test_database.hpp"

namespace hindsight::test {
namespace {

using namespace std::chrono_literals;
using common::db::ConnectionPool;

int select_one(const ConnectionPool::Lease& lease) {
  pqxx::nontransaction tx(lease->connection);
  return tx.exec1("SELECT 1")[0].as<int>();
}

TEST(ConnectionPool, MovedFromLeaseReturnsNothing) {
  TestDatabase db;
  ConnectionPool pool(db.conninfo(), 2, 200ms);
  {
    auto first = pool.acquire();
    EXPECT_EQ(pool.in_use(), 1u);
    {
      auto moved = std::move(first);
      EXPECT_EQ(pool.in_use(), 1u);
      EXPECT_EQ(select_one(moved), 1);
    }  // the lease that owns the connection gives it back
    EXPECT_EQ(pool.in_use(), 0u);
  }  // the moved-from lease gives back nothing
  EXPECT_EQ(pool.in_use(), 0u);
}

TEST(ConnectionPool, LeasesMovedThroughContainersCountOnceAndKeepTheLimit) {
  TestDatabase db;
  ConnectionPool pool(db.conninfo(), 2, 200ms);
  {
    std::vector<ConnectionPool::Lease> leases;
    leases.push_back(pool.acquire());
    leases.push_back(pool.acquire());  // moves the first lease when the vector grows
    EXPECT_EQ(pool.in_use(), 2u);
    EXPECT_THROW(pool.acquire(), common::db::DatabaseUnavailable);

    std::optional<ConnectionPool::Lease> held(std::move(leases.back()));
    leases.pop_back();
    EXPECT_EQ(pool.in_use(), 2u);
    EXPECT_EQ(select_one(*held), 1);
    EXPECT_THROW(pool.acquire(), common::db::DatabaseUnavailable);

    held.reset();
    EXPECT_EQ(pool.in_use(), 1u);
    auto again = pool.acquire();  // the returned connection, taken again
    EXPECT_EQ(pool.in_use(), 2u);
    EXPECT_EQ(select_one(again), 1);
  }
  EXPECT_EQ(pool.in_use(), 0u);
}

}  // namespace
}  // namespace hindsight::test
