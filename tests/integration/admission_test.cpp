// A federation request's admission in the transaction of its work: the sender's standing read
// again, and replay protection (a nonce passes once per key, only a committed request keeps it,
// two copies at once cannot both pass, expired nonces are purged).
#include "federation/inbound/admission.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <vector>

#include "common/db/connection_pool.hpp"
#include "common/error/api_error.hpp"
#include "federation/signatures/nonce_store.hpp"
#include "tests/support/test_database.hpp"

namespace hindsight::test {
namespace {

namespace db = common::db;
using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

constexpr const char* kPeer = "https://b.example";

class AdmissionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sql("INSERT INTO federation_peers (origin) VALUES ('https://b.example')");
    sql("INSERT INTO federation_subscriptions (direction, peer_origin, state) "
        "VALUES ('incoming', 'https://b.example', 'pending')");
  }

  void sql(const std::string& statement) {
    pqxx::connection conn(database.conninfo());
    pqxx::work tx(conn);
    tx.exec0(statement);
    tx.commit();
  }

  static federation::VerifiedPeer peer(const std::string& key, const std::string& nonce,
                                       Clock::time_point until = Clock::now() + 5min) {
    federation::VerifiedPeer p;
    p.origin = kPeer;
    p.key_id = key;
    p.nonce = nonce;
    p.nonce_keep_until = until;
    return p;
  }

  // The status admission refuses `p` with; 0 when it is admitted (and committed).
  int admit(federation::VerifiedPeer p) {
    try {
      db::with_transaction(pool, [&](db::Transaction& tx) { federation::admit_request(tx, p); });
      admitted = p;
      return 0;
    } catch (const common::ApiError& e) {
      return e.status();
    }
  }

  bool remember(const std::string& key, const std::string& nonce,
                Clock::time_point until = Clock::now() + 5min) {
    return admit(peer(key, nonce, until)) == 0;
  }

  int stored() {
    pqxx::connection conn(database.conninfo());
    pqxx::read_transaction tx(conn);
    return tx.exec1("SELECT count(*) FROM federation_nonces")[0].as<int>();
  }

  TestDatabase database;
  db::ConnectionPool pool{database.conninfo(), 2};
  federation::VerifiedPeer admitted;
};

TEST_F(AdmissionTest, ANoncePassesOncePerKey) {
  EXPECT_TRUE(remember("https://b.example/.well-known/hindsight#k1", "n1"));
  EXPECT_EQ(admit(peer("https://b.example/.well-known/hindsight#k1", "n1")), 401);
  EXPECT_TRUE(remember("https://b.example/.well-known/hindsight#k2", "n1"));
  EXPECT_TRUE(remember("https://b.example/.well-known/hindsight#k1", "n2"));
}

TEST_F(AdmissionTest, ARefusedRequestLeavesNoNonce) {
  EXPECT_THROW(db::with_transaction(pool,
                                    [&](db::Transaction& tx) {
                                      auto p = peer("k", "n");
                                      federation::admit_request(tx, p);
                                      throw std::runtime_error("refused after admission");
                                    }),
               std::runtime_error);
  EXPECT_EQ(stored(), 0);
  EXPECT_TRUE(remember("k", "n"));
}

TEST_F(AdmissionTest, TwoCopiesAtOnceCannotBothPass) {
  // The first copy holds its transaction open; the second waits on the row and sees the
  // first's nonce once it commits.
  std::promise<void> first_inserted;
  std::promise<void> release_first;
  auto first = std::async(std::launch::async, [&] {
    return db::with_transaction(pool, [&](db::Transaction& tx) {
      auto p = peer("k", "same");
      federation::admit_request(tx, p);
      first_inserted.set_value();
      release_first.get_future().wait();
      return true;
    });
  });
  first_inserted.get_future().wait();
  auto second = std::async(std::launch::async, [&] { return admit(peer("k", "same")); });
  EXPECT_EQ(second.wait_for(300ms), std::future_status::timeout) << "the second copy waits";
  release_first.set_value();
  EXPECT_TRUE(first.get());
  EXPECT_EQ(second.get(), 401);
}

TEST_F(AdmissionTest, PurgeDropsOnlyExpiredNonces) {
  EXPECT_TRUE(remember("k", "old", Clock::now() - 1s));
  EXPECT_TRUE(remember("k", "live", Clock::now() + 5min));
  long long purged = db::with_transaction(
      pool, [](db::Transaction& tx) { return federation::purge_expired_nonces(tx); });
  EXPECT_EQ(purged, 1);
  EXPECT_EQ(stored(), 1);
  EXPECT_FALSE(remember("k", "live"));
}

TEST_F(AdmissionTest, ABlockedSenderIsRefusedAndLeavesNoNonce) {
  sql("UPDATE federation_peers SET blocked_at = now()");
  EXPECT_EQ(admit(peer("k", "n")), 403);
  EXPECT_EQ(stored(), 0);
}

TEST_F(AdmissionTest, WithNoSubscriptionOnlyASubscriptionRequestIsAdmitted) {
  sql("DELETE FROM federation_subscriptions");
  EXPECT_EQ(admit(peer("k", "n1")), 403);
  auto asking = peer("k", "n2");
  asking.subscription_request = true;
  EXPECT_EQ(admit(asking), 0);
  EXPECT_EQ(stored(), 1);
}

TEST_F(AdmissionTest, ItPublishesToUsOnlyOnceItAcceptedOurSubscription) {
  EXPECT_EQ(admit(peer("k", "n1")), 0);
  EXPECT_FALSE(admitted.publishes_to_us) << "only its subscription to us";
  sql("INSERT INTO federation_subscriptions (direction, peer_origin, state) "
      "VALUES ('outgoing', 'https://b.example', 'pending')");
  EXPECT_EQ(admit(peer("k", "n2")), 0);
  EXPECT_FALSE(admitted.publishes_to_us) << "ours is still pending";
  sql("UPDATE federation_subscriptions SET state = 'accepted' WHERE direction = 'outgoing'");
  EXPECT_EQ(admit(peer("k", "n3")), 0);
  EXPECT_TRUE(admitted.publishes_to_us);
}

// Lesson requests admitted together (the inbox's groups): each gets its own answer.
class LessonAdmissionTest : public AdmissionTest {
 protected:
  void SetUp() override {
    AdmissionTest::SetUp();
    sql("INSERT INTO federation_subscriptions (direction, peer_origin, state) "
        "VALUES ('outgoing', 'https://b.example', 'accepted')");
  }

  // The status each request is refused with, 0 for one admitted (and committed).
  std::vector<int> admit_lessons(const std::vector<federation::VerifiedPeer>& requests) {
    std::vector<const federation::VerifiedPeer*> peers;
    for (const auto& r : requests)
      peers.push_back(&r);
    auto refusals = db::with_transaction(
        pool, [&](db::Transaction& tx) { return federation::admit_lesson_requests(tx, peers); });
    std::vector<int> out;
    for (const auto& r : refusals)
      out.push_back(r ? r->status() : 0);
    return out;
  }
};

TEST_F(LessonAdmissionTest, EachRequestOfAGroupIsAdmittedOnItsOwn) {
  EXPECT_TRUE(remember("k", "seen"));
  EXPECT_EQ(admit_lessons({peer("k", "a"), peer("k", "seen"), peer("k", "b"), peer("k2", "a")}),
            (std::vector<int>{0, 401, 0, 0}));
  EXPECT_EQ(stored(), 4);
}

TEST_F(LessonAdmissionTest, TwoCopiesInOneGroupPassOnce) {
  EXPECT_EQ(admit_lessons({peer("k", "same"), peer("k", "other"), peer("k", "same")}),
            (std::vector<int>{0, 0, 401}));
  EXPECT_EQ(stored(), 2);
}

TEST_F(LessonAdmissionTest, LessonsFromAPublisherThatDidNotAcceptUsAreRefusedWithoutNonce) {
  sql("UPDATE federation_subscriptions SET state = 'pending' WHERE direction = 'outgoing'");
  EXPECT_TRUE(remember("k", "seen"));
  EXPECT_EQ(admit_lessons({peer("k", "new"), peer("k", "seen")}), (std::vector<int>{403, 401}))
      << "a replay is named first, as for a single request";
  EXPECT_EQ(stored(), 1);
}

TEST_F(LessonAdmissionTest, ABlockedSenderIsRefusedWholeAndLeavesNoNonce) {
  sql("UPDATE federation_peers SET blocked_at = now()");
  EXPECT_EQ(admit_lessons({peer("k", "a"), peer("k", "b")}), (std::vector<int>{403, 403}));
  EXPECT_EQ(stored(), 0);
}

}  // namespace
}  // namespace hindsight::test
