// The migrations runner against a real PostgreSQL: from empty, concurrently, and refusing
// schemas it must not touch.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "common/db/migrations.hpp"
#include "tests/support/test_database.hpp"

namespace hindsight::test {
namespace {

using common::db::embedded_migrations;
using common::db::Migration;
using common::db::MigrationRunner;

int applied_count(pqxx::connection& conn) {
  pqxx::read_transaction tx(conn);
  return tx.exec("SELECT count(*) FROM schema_migrations")[0][0].as<int>();
}

TEST(Migrations, ApplyFromEmptyDatabaseAndReportCurrent) {
  TestDatabase db(false);
  pqxx::connection conn(db.conninfo());
  MigrationRunner runner(embedded_migrations());
  EXPECT_EQ(runner.status(conn).pending.size(), embedded_migrations().size());
  auto applied = runner.migrate(conn);
  EXPECT_EQ(applied.size(), embedded_migrations().size());
  EXPECT_TRUE(runner.status(conn).pending.empty());
  EXPECT_EQ(runner.status(conn).latest_applied, embedded_migrations().back().version);
  pqxx::read_transaction tx(conn);
  EXPECT_TRUE(tx.exec("SELECT to_regclass('users') IS NOT NULL")[0][0].as<bool>());
}

TEST(Migrations, SecondRunAppliesNothing) {
  TestDatabase db(false);
  pqxx::connection conn(db.conninfo());
  MigrationRunner runner(embedded_migrations());
  runner.migrate(conn);
  EXPECT_TRUE(runner.migrate(conn).empty());
  EXPECT_EQ(applied_count(conn), static_cast<int>(embedded_migrations().size()));
}

TEST(Migrations, ConcurrentRunnersMigrateExactlyOnce) {
  TestDatabase db(false);
  // A slow migration widens the window in which two runners would collide without the lock.
  std::vector<Migration> migrations = {
      {1, "slow", "SELECT pg_sleep(0.5); CREATE TABLE once_only (id int);"},
      {2, "second", "INSERT INTO once_only VALUES (1);"}};
  std::vector<std::size_t> applied(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < applied.size(); ++i) {
    threads.emplace_back([&, i] {
      pqxx::connection conn(db.conninfo());
      applied[i] = MigrationRunner(migrations).migrate(conn).size();
    });
  }
  for (auto& t : threads)
    t.join();
  std::size_t total = 0;
  for (auto n : applied)
    total += n;
  EXPECT_EQ(total, 2u);
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM once_only")[0][0].as<int>(), 1);
}

TEST(Migrations, FailedMigrationLeavesNoTrace) {
  TestDatabase db(false);
  std::vector<Migration> migrations = {{1, "good", "CREATE TABLE good (id int);"},
                                       {2, "bad", "CREATE TABLE half (id int); SELECT 1/0;"}};
  pqxx::connection conn(db.conninfo());
  EXPECT_THROW(MigrationRunner(migrations).migrate(conn), pqxx::sql_error);
  pqxx::read_transaction tx(conn);
  EXPECT_TRUE(tx.exec("SELECT to_regclass('good') IS NOT NULL")[0][0].as<bool>());
  EXPECT_FALSE(tx.exec("SELECT to_regclass('half') IS NOT NULL")[0][0].as<bool>());
  EXPECT_EQ(tx.exec("SELECT max(version) FROM schema_migrations")[0][0].as<int>(), 1);
}

TEST(Migrations, ChangedAppliedMigrationIsRefused) {
  TestDatabase db(false);
  pqxx::connection conn(db.conninfo());
  MigrationRunner({{1, "a", "CREATE TABLE a (id int);"}}).migrate(conn);
  MigrationRunner changed({{1, "a", "CREATE TABLE a (id bigint);"}});
  try {
    changed.migrate(conn);
    FAIL() << "a changed migration was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("changed"), std::string::npos);
  }
}

TEST(Migrations, SchemaNewerThanBinaryIsRefused) {
  TestDatabase db(false);
  pqxx::connection conn(db.conninfo());
  MigrationRunner({{1, "a", "SELECT 1;"}, {2, "b", "SELECT 2;"}}).migrate(conn);
  try {
    MigrationRunner({{1, "a", "SELECT 1;"}}).migrate(conn);
    FAIL() << "an older binary migrated a newer schema";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos);
  }
}

}  // namespace
}  // namespace hindsight::test
