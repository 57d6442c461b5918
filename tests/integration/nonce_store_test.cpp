// Replay protection: a nonce passes once per key, only a committed request keeps it, two copies
// at once cannot both pass, and expired nonces are purged.
#include "federation/signatures/nonce_store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>

#include "common/db/connection_pool.hpp"
#include "tests/support/test_database.hpp"

namespace hindsight::test {
namespace {

namespace db = common::db;
using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

class NonceStoreTest : public ::testing::Test {
 protected:
  bool remember(const std::string& key, const std::string& nonce,
                Clock::time_point until = Clock::now() + 5min) {
    return db::with_transaction(pool, [&](db::Transaction& tx) {
      return federation::remember_nonce(tx, key, nonce, until);
    });
  }
  int stored() {
    pqxx::connection conn(database.conninfo());
    pqxx::read_transaction tx(conn);
    return tx.exec1("SELECT count(*) FROM federation_nonces")[0].as<int>();
  }

  TestDatabase database;
  db::ConnectionPool pool{database.conninfo(), 2};
};

TEST_F(NonceStoreTest, ANoncePassesOncePerKey) {
  EXPECT_TRUE(remember("https://b.example/.well-known/hindsight#k1", "n1"));
  EXPECT_FALSE(remember("https://b.example/.well-known/hindsight#k1", "n1"));
  EXPECT_TRUE(remember("https://b.example/.well-known/hindsight#k2", "n1"));
  EXPECT_TRUE(remember("https://b.example/.well-known/hindsight#k1", "n2"));
}

TEST_F(NonceStoreTest, ARefusedRequestLeavesNoNonce) {
  EXPECT_THROW(db::with_transaction(pool,
                                    [&](db::Transaction& tx) {
                                      federation::remember_nonce(tx, "k", "n", Clock::now() + 5min);
                                      throw std::runtime_error("refused after the nonce check");
                                    }),
               std::runtime_error);
  EXPECT_EQ(stored(), 0);
  EXPECT_TRUE(remember("k", "n"));
}

TEST_F(NonceStoreTest, TwoCopiesAtOnceCannotBothPass) {
  // The first copy holds its transaction open; the second waits on the row and sees the
  // first's nonce once it commits.
  std::promise<void> first_inserted;
  std::promise<void> release_first;
  auto first = std::async(std::launch::async, [&] {
    return db::with_transaction(pool, [&](db::Transaction& tx) {
      bool fresh = federation::remember_nonce(tx, "k", "same", Clock::now() + 5min);
      first_inserted.set_value();
      release_first.get_future().wait();
      return fresh;
    });
  });
  first_inserted.get_future().wait();
  auto second = std::async(std::launch::async, [&] { return remember("k", "same"); });
  EXPECT_EQ(second.wait_for(300ms), std::future_status::timeout) << "the second copy waits";
  release_first.set_value();
  EXPECT_TRUE(first.get());
  EXPECT_FALSE(second.get());
}

TEST_F(NonceStoreTest, PurgeDropsOnlyExpiredNonces) {
  EXPECT_TRUE(remember("k", "old", Clock::now() - 1s));
  EXPECT_TRUE(remember("k", "live", Clock::now() + 5min));
  long long purged = db::with_transaction(
      pool, [](db::Transaction& tx) { return federation::purge_expired_nonces(tx); });
  EXPECT_EQ(purged, 1);
  EXPECT_EQ(stored(), 1);
  EXPECT_FALSE(remember("k", "live"));
}

}  // namespace
}  // namespace hindsight::test
