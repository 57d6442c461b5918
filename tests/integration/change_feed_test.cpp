// The change feed and the caches it keeps coherent, against a real PostgreSQL: changes from
// this process are seen at once (catch-up), changes from another connection soon after, a
// load that straddles a change is not kept, and while the feed is down nothing is cached.
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "common/db/change_feed.hpp"
#include "common/db/coherent_cache.hpp"
#include "common/db/transaction.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_runtime.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using namespace std::chrono_literals;
using common::db::ChangeFeed;
using Cache = common::db::CoherentCache<std::string>;

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 5s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

class ChangeFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    runtime.tasks().spawn("change feed", [this] { return feed.run(runtime.blocking()); });
    ASSERT_TRUE(eventually([&] { return feed.live(); }));
    pool.on_write_committed([this](pqxx::connection_base& c) { feed.catch_up(c); });
  }

  // Reads through the cache, counting the loads that reached "the database".
  std::optional<std::string> read(const std::string& key) {
    return cache.get_or_load(key, [&](const std::string& k) {
      ++loads;
      return std::optional<std::string>("value of " + k);
    });
  }

  void notify_from_elsewhere(const std::string& payload) {
    pqxx::connection other(db.conninfo());
    pqxx::nontransaction tx(other);
    tx.exec_params("SELECT pg_notify('hindsight_changes', $1)", payload);
  }

  TestDatabase db;
  common::Logger logger{stderr, common::LogLevel::error};
  common::db::ConnectionPool pool{db.conninfo(), 2};
  ChangeFeed feed{db.conninfo(), logger};
  Cache cache{feed, {.keyed_topics = {"postmortem"}, .clearing_topics = {"credentials"}}};
  int loads = 0;
  TestRuntime runtime{logger};  // last: stops the feed before anything it uses goes
};

TEST_F(ChangeFeedTest, SecondReadIsServedFromMemory) {
  EXPECT_EQ(read("a"), "value of a");
  EXPECT_EQ(read("a"), "value of a");
  EXPECT_EQ(loads, 1);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST_F(ChangeFeedTest, ACommittedRowChangeEvictsItsKeyBeforeTheWriterReturns) {
  std::string id = common::db::with_transaction(pool, [](common::db::Transaction& tx) {
    tx.raw().exec0(
        "INSERT INTO users (username, role, password_hash) VALUES ('ada', 'admin', 'x')");
    return tx.raw()
        .exec1(
            "INSERT INTO postmortems (title, severity, created_by, updated_by, document) "
            "SELECT 't', 'SEV2', id, id, '{}' FROM users RETURNING id::text")[0]
        .as<std::string>();
  });
  read(id);
  read("other");
  common::db::with_transaction(pool, [&](common::db::Transaction& tx) {
    tx.changes_cached_rows();
    tx.raw().exec_params0("UPDATE postmortems SET title = 'u' WHERE id = $1::uuid", id);
  });
  // No waiting: the writer's catch-up returned only after the feed delivered the change.
  read(id);
  read("other");
  EXPECT_EQ(loads, 3);
}

TEST_F(ChangeFeedTest, OnlyAWriteThatAsksForItWaitsForTheFeed) {
  int catch_ups = 0;
  pool.on_write_committed([&](pqxx::connection_base&) { ++catch_ups; });
  auto write = [&](bool changes_cached_rows) {
    common::db::with_transaction(pool, [&](common::db::Transaction& tx) {
      if (changes_cached_rows) tx.changes_cached_rows();
      tx.raw().exec("SELECT 1");
    });
  };
  write(false);
  EXPECT_EQ(catch_ups, 0);
  write(true);
  EXPECT_EQ(catch_ups, 1);
  common::db::with_read_transaction(pool,
                                    [](common::db::Transaction& tx) { tx.raw().exec("SELECT 1"); });
  EXPECT_EQ(catch_ups, 1);
}

TEST_F(ChangeFeedTest, ACredentialChangeClearsEverything) {
  read("a");
  read("b");
  common::db::with_transaction(pool, [](common::db::Transaction& tx) {
    tx.changes_cached_rows();
    tx.raw().exec0("UPDATE users SET display_name = 'x'");
  });
  read("a");
  read("b");
  EXPECT_EQ(loads, 4);
}

TEST_F(ChangeFeedTest, ChangesFromAnotherProcessArriveSoonAfter) {
  read("k");
  notify_from_elsewhere("postmortem:k");
  EXPECT_TRUE(eventually([&] {
    read("k");
    return loads == 2;
  }));
}

TEST_F(ChangeFeedTest, ALoadThatStraddlesAChangeIsReturnedButNotKept) {
  auto value = cache.get_or_load("k", [&](const std::string&) {
    ++loads;
    // The row changes while this load is in flight: what it read may be stale.
    common::db::with_transaction(pool, [](common::db::Transaction& tx) {
      tx.changes_cached_rows();
      tx.raw().exec("SELECT pg_notify('hindsight_changes', 'postmortem:k')");
    });
    return std::optional<std::string>("stale");
  });
  EXPECT_EQ(value, "stale");
  read("k");
  EXPECT_EQ(loads, 2);
}

TEST_F(ChangeFeedTest, AbsentRowsAreNotCached) {
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(cache.get_or_load("gone", [&](const std::string&) {
      ++loads;
      return std::optional<std::string>();
    }));
  EXPECT_EQ(loads, 3);
}

TEST_F(ChangeFeedTest, WhileTheFeedIsDownEveryReadGoesToTheDatabase) {
  read("a");
  {
    pqxx::connection admin(db.conninfo());
    pqxx::nontransaction tx(admin);
    auto killed = tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND query LIKE 'LISTEN%'");
    ASSERT_EQ(killed.size(), 1u);
  }
  // Going down empties the cache, since changes may be missed from then on. (It may already be
  // back by the time this looks: the first reconnection comes after 100 ms.)
  ASSERT_TRUE(eventually([&] { return cache.stats().entries == 0u; }, 2s));
  // It reconnects by itself and caches again.
  ASSERT_TRUE(eventually([&] { return feed.live(); }));
  int before = loads;
  read("a");
  read("a");
  EXPECT_EQ(loads, before + 1);
}

TEST_F(ChangeFeedTest, TheByteBudgetEvictsTheLeastRecentlyUsed) {
  Cache small{feed,
              {.keyed_topics = {"postmortem"},
               .byte_budget = 8 * 1024,
               .weigh = [](const std::string&) { return std::size_t{900}; }}};
  auto read_small = [&](const std::string& key) {
    return small.get_or_load(key, [&](const std::string& k) {
      ++loads;
      return std::optional<std::string>(k);
    });
  };
  for (int i = 0; i < 20; ++i) {
    read_small("hot");
    read_small("cold-" + std::to_string(i));
  }
  EXPECT_LE(small.stats().bytes, 8u * 1024);
  EXPECT_LT(small.stats().entries, 10u);
  EXPECT_EQ(small.stats().hits, 19u);  // "hot" stayed, being used most recently
}

// Another server on the same database disables a user: this server refuses the user's token
// once its feed hears the change, without a restart.
TEST(CredentialCache, AUserDisabledElsewhereIsCutOff) {
  TestDatabase db;
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("mallory", "member");
  ASSERT_EQ(server.get("/api/v1/me", token).status, 200);
  ASSERT_EQ(server.get("/api/v1/me", token).status, 200);  // now from memory
  {
    pqxx::connection other(db.conninfo());
    pqxx::work tx(other);
    tx.exec0("UPDATE users SET disabled_at = now() WHERE username = 'mallory'");
    tx.commit();
  }
  EXPECT_TRUE(eventually([&] { return server.get("/api/v1/me", token).status == 401; }));
}

}  // namespace
}  // namespace hindsight::test
