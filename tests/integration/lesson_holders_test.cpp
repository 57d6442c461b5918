// Which peers hold which version of a lesson, recorded per batch of deliveries: a batch may
// carry two versions of one lesson for one peer (both were queued while the peer was away), and
// the newest is what the peer holds, whatever order the batch lists them in.
#include "federation/outbox/lesson_holders.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "common/db/connection_pool.hpp"
#include "tests/support/test_instance.hpp"

namespace hindsight::test {
namespace {

namespace db = common::db;

TEST(LessonHolders, ABatchWithTwoVersionsForOnePeerKeepsTheNewest) {
  TestInstance a("Alpha Corp");
  std::string lesson = a.share_lesson("Pool exhaustion", {"database"});
  {
    pqxx::connection conn(a.database().conninfo());
    pqxx::work tx(conn);
    tx.exec0(
        "INSERT INTO federation_peers (origin) VALUES ('https://b.example'), "
        "('https://c.example')");
    tx.commit();
  }
  db::ConnectionPool pool(a.database().conninfo(), 1);
  auto record = [&](const std::vector<federation::LessonHolding>& given) {
    db::with_transaction(
        pool, [&](db::Transaction& tx) { federation::record_lesson_holders(tx, given, "push"); });
  };
  auto held = [&] {
    return a.column(
        "SELECT peer_origin || ' ' || version || ' ' || retracted FROM federation_lesson_holders "
        "ORDER BY peer_origin");
  };

  record({{lesson, "https://b.example", 2, true},
          {lesson, "https://c.example", 1, false},
          {lesson, "https://b.example", 1, false}});
  EXPECT_EQ(held(),
            (std::vector<std::string>{"https://b.example 2 true", "https://c.example 1 false"}));

  record({{lesson, "https://b.example", 1, false}});  // an older version acknowledged late
  EXPECT_EQ(held(),
            (std::vector<std::string>{"https://b.example 2 true", "https://c.example 1 false"}));

  record({});  // nothing delivered: nothing to record
  EXPECT_EQ(held().size(), 2u);
}

}  // namespace
}  // namespace hindsight::test
