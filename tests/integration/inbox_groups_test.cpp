// Lesson events stored together (docs/federation.md, "Inbox"): several versions of one lesson in
// one statement leave the newest, each reported on its own; and a group that fails as a whole is
// stored again one event at a time, so one event's failure is its own.
#include "federation/inbox/inbox_groups.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "common/db/connection_pool.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/inbox/received_lessons.hpp"
#include "tests/support/test_database.hpp"

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
namespace db = common::db;
using namespace std::chrono_literals;

constexpr const char* kPeer = "https://b.example";

// A version of lesson `local_id` from kPeer, as the inbox has it once its signature verified
// (this test stores it without verifying, so the signature is a placeholder).
federation::VerifiedLessonDocument lesson(const std::string& local_id, int version) {
  federation::LessonFields fields;
  fields.title = local_id + " v" + std::to_string(version);
  fields.summary = "A pool ran dry.";
  federation::VerifiedLessonDocument v;
  v.document = federation::make_lesson_document(kPeer, local_id, version, "2026-12-01T00:00:00Z",
                                                {"database"}, "SEV2", fields);
  v.received.lesson = federation::to_json(v.document);
  v.received.key_id = std::string(kPeer) + "/.well-known/hindsight#k1";
  v.received.signature = std::string(64, 'x');
  return v;
}

federation::VerifiedPeer peer(const std::string& nonce) {
  federation::VerifiedPeer p;
  p.origin = kPeer;
  p.key_id = "k";
  p.nonce = nonce;
  p.nonce_keep_until = std::chrono::system_clock::now() + 5min;
  return p;
}

class InboxGroupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sql("INSERT INTO federation_peers (origin) VALUES ('https://b.example')");
    sql("INSERT INTO federation_subscriptions (direction, peer_origin, state) VALUES "
        "('incoming', 'https://b.example', 'accepted'), "
        "('outgoing', 'https://b.example', 'accepted')");
  }

  void sql(const std::string& statement) {
    pqxx::connection conn(database.conninfo());
    pqxx::work tx(conn);
    tx.exec0(statement);
    tx.commit();
  }

  std::vector<std::string> column(const std::string& query) {
    pqxx::connection conn(database.conninfo());
    pqxx::read_transaction tx(conn);
    std::vector<std::string> out;
    for (const auto& row : tx.exec(query))
      out.push_back(row[0].as<std::string>());
    return out;
  }

  TestDatabase database;
  db::ConnectionPool pool{database.conninfo(), 3};
};

TEST_F(InboxGroupsTest, SeveralVersionsInOneStatementLeaveTheNewest) {
  auto store = [&](const std::vector<federation::VerifiedLessonDocument>& lessons) {
    std::vector<const federation::VerifiedLessonDocument*> pointers;
    for (const auto& l : lessons)
      pointers.push_back(&l);
    return db::with_transaction(pool, [&](db::Transaction& tx) {
      return federation::store_received_lessons(tx, pointers, federation::ReceivedVia::push);
    });
  };
  store({lesson("a", 1)});
  auto stored = store({lesson("a", 1), lesson("a", 3), lesson("a", 2), lesson("b", 1)});
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_FALSE(stored[0].applied);
  EXPECT_TRUE(stored[1].applied);
  EXPECT_FALSE(stored[2].applied) << "an older version of the same statement";
  EXPECT_TRUE(stored[3].applied);
  for (int i : {0, 1, 2})
    EXPECT_EQ(stored[i].previous_version, 1) << i;
  EXPECT_EQ(stored[3].previous_version, std::nullopt);
  EXPECT_EQ(column("SELECT title || '|' || version FROM received_lessons ORDER BY title"),
            (std::vector<std::string>{"a v3|3", "b v1|1"}));
  auto again = store({lesson("a", 3)});
  EXPECT_FALSE(again[0].applied);
  EXPECT_EQ(again[0].previous_version, 3);
}

TEST_F(InboxGroupsTest, AGroupThatFailsIsStoredAgainOneEventAtATime) {
  common::runtime::BlockingPool blocking(3);
  federation::InboxGroups groups(pool, blocking, {.transactions = 1, .max_group = 64});
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  std::thread runner([&io] { io.run(); });
  std::vector<federation::VerifiedPeer> peers = {peer("first"), peer("second"), peer("third")};
  auto receive = [&](std::size_t i, federation::VerifiedLessonDocument l) {
    return asio::co_spawn(
        io,
        [&groups, &peers, i, l = std::move(l)]() mutable -> asio::awaitable<bool> {
          co_await groups.receive(peers[i], std::move(l));
          co_return true;
        },
        asio::use_future);
  };

  // The first group waits on a nonce this test holds uncommitted, so the next two events queue
  // behind it and are taken as one group.
  pqxx::connection holder(database.conninfo());
  pqxx::work holding(holder);
  holding.exec0(
      "INSERT INTO federation_nonces (key_id, nonce, expires_at) "
      "VALUES ('k', 'first', now() + interval '5 minutes')");
  auto first = receive(0, lesson("a", 1));
  for (int i = 0; i < 200 && column("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = "
                                    "'Lock' AND datname = current_database()")
                                 .empty();
       ++i)
    std::this_thread::sleep_for(50ms);
  auto broken = lesson("c", 1);
  broken.document.fields.reset();  // neither content nor a retraction: the database refuses it
  auto second = receive(1, lesson("b", 1));
  auto third = receive(2, std::move(broken));
  std::this_thread::sleep_for(200ms);
  holding.abort();

  auto stored = [](std::future<bool>& f) {
    try {
      return f.get();
    } catch (const std::exception&) {
      return false;
    }
  };
  EXPECT_TRUE(stored(first));
  EXPECT_TRUE(stored(second)) << "stored on its own once its group failed";
  EXPECT_FALSE(stored(third));
  work.reset();
  runner.join();
  EXPECT_EQ(column("SELECT title FROM received_lessons ORDER BY title"),
            (std::vector<std::string>{"a v1", "b v1"}));
  EXPECT_EQ(column("SELECT nonce FROM federation_nonces ORDER BY nonce"),
            (std::vector<std::string>{"first", "second"}));
}

}  // namespace
}  // namespace hindsight::test
