// Delivery between three real instances over HTTPS (docs/federation.md, "Delivery"): A publishes,
// B subscribes to everything and C to one topic. Backfill by pull on acceptance, push of new
// versions, topic filtering (a version that leaves C's topics reaches C as a tombstone), a
// retraction, and withdrawal when a subscription ends by cancellation, revocation or a block.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_instance.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

// What an instance holds from `origin`: "title|version|retracted|withdrawn", by title.
std::vector<std::string> held(const TestInstance& holder, const TestInstance& origin) {
  return holder.column(
      "SELECT COALESCE(NULLIF(title, ''), document->'lesson'->>'id', lesson_uri) || '|' || "
      "version || '|' || retracted || '|' || (withdrawn_at IS NOT NULL) FROM received_lessons "
      "WHERE origin = '" +
      origin.origin() + "' ORDER BY title, lesson_uri");
}

long long held_with_content(const TestInstance& holder, const std::string& title_like) {
  return holder.count("SELECT 1 FROM received_lessons WHERE fields IS NOT NULL AND title LIKE '" +
                      title_like + "'");
}

class FederationDeliveryTest : public ::testing::Test {
 protected:
  // B and C subscribe; A accepts both. Returns once both are accepted on their side.
  void subscribe_b_and_c() {
    b.subscribe_to(a);
    c.subscribe_to(a, {"Database"});
    EXPECT_EQ(b.state_of("/api/v1/subscriptions", a), "pending");
    a.accept(b);
    a.accept(c);
    ASSERT_TRUE(eventually([&] {
      return b.state_of("/api/v1/subscriptions", a) == "accepted" &&
             c.state_of("/api/v1/subscriptions", a) == "accepted";
    })) << "the acceptance events reach the subscribers";
  }

  TestInstance a{"Alpha Corp"}, b{"Beta Corp"}, c{"Gamma Corp"};
};

TEST_F(FederationDeliveryTest, BackfillPushUpdateTopicsAndRetraction) {
  std::string before = a.share_lesson("Pool exhaustion before subscribing", {"database"});
  a.share_lesson("Network partition before subscribing", {"network"});
  subscribe_b_and_c();

  // Backfill by pull once accepted: B sees both, C only its topic (matched ignoring case).
  ASSERT_TRUE(eventually([&] { return b.count("SELECT 1 FROM received_lessons") == 2; }))
      << json(held(b, a)) << b.server().log_text() << a.server().log_text();
  ASSERT_TRUE(eventually([&] { return c.count("SELECT 1 FROM received_lessons") == 1; }));
  EXPECT_EQ(held_with_content(c, "Network partition%"), 0);

  // A new lesson is pushed to both.
  std::string pushed = a.share_lesson("Replica lag after subscribing", {"database", "replication"});
  ASSERT_TRUE(eventually([&] {
    return held_with_content(b, "Replica lag%") == 1 && held_with_content(c, "Replica lag%") == 1;
  }));
  EXPECT_EQ(b.column("SELECT received_via FROM received_lessons WHERE title LIKE 'Replica lag%'"),
            std::vector<std::string>{"push"});

  // A new version that leaves C's topics: B gets it, C gets a tombstone numbered like it.
  a.update_lesson(before, "Pool exhaustion, revisited", {"network"});
  ASSERT_TRUE(eventually([&] { return held_with_content(b, "Pool exhaustion, revisited") == 1; }));
  ASSERT_TRUE(eventually([&] {
    return c.count(
               "SELECT 1 FROM received_lessons WHERE version = 2 AND retracted AND fields IS "
               "NULL AND document IS NOT NULL") == 1;
  })) << json(held(c, a));
  EXPECT_EQ(held_with_content(c, "Pool exhaustion%"), 0);

  // A retraction reaches both, which keep a signed tombstone and no content.
  a.retract_lesson(pushed);
  ASSERT_TRUE(eventually([&] {
    return b.count(
               "SELECT 1 FROM received_lessons WHERE retracted AND version = 2 AND fields IS "
               "NULL") == 1 &&
           c.count("SELECT 1 FROM received_lessons WHERE retracted AND fields IS NULL") == 2;
  })) << json(held(b, a))
      << json(held(c, a));
  EXPECT_EQ(held_with_content(b, "Replica lag%") + held_with_content(c, "Replica lag%"), 0);

  // A knows who holds the retracted lesson, and that the retraction arrived.
  auto holders = a.call_as(a.reviewer, "GET", "/api/v1/lessons/" + pushed + "/holders");
  ASSERT_EQ(holders.status, 200) << holders.body;
  ASSERT_EQ(holders.body["items"].size(), 2u) << holders.body;
  for (const auto& h : holders.body["items"]) {
    EXPECT_EQ(h["version"], 2);
    EXPECT_EQ(h["retracted"], true);
  }
  // Nothing is left to send.
  EXPECT_EQ(a.count("SELECT 1 FROM federation_outbox"), 0);
}

TEST_F(FederationDeliveryTest, CancellationRevocationAndBlockWithdrawWhatWasSent) {
  a.share_lesson("Disk full on the primary", {"database"});
  subscribe_b_and_c();
  ASSERT_TRUE(eventually([&] {
    return held_with_content(b, "Disk full%") == 1 && held_with_content(c, "Disk full%") == 1;
  }));

  // C cancels: its copy is withdrawn at once, and A hears it.
  std::string c_subscription = c.call("GET", "/api/v1/subscriptions").body["items"][0]["id"];
  auto cancelled = c.call("DELETE", "/api/v1/subscriptions/" + c_subscription);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.body["state"], "cancelled");
  EXPECT_EQ(held_with_content(c, "%"), 0);
  EXPECT_EQ(c.count("SELECT 1 FROM received_lessons WHERE withdrawn_at IS NOT NULL"), 1);
  ASSERT_TRUE(eventually([&] { return a.state_of("/api/v1/subscribers", c) == "cancelled"; }));

  // A revokes B: B withdraws what it had.
  std::string b_request;
  auto subscribers = a.call("GET", "/api/v1/subscribers");
  for (const auto& item : subscribers.body["items"])
    if (item["peer_url"] == b.origin()) b_request = item["id"];
  auto revoked = a.call("POST", "/api/v1/subscribers/" + b_request + "/revoke", json::object());
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  ASSERT_TRUE(eventually([&] { return b.state_of("/api/v1/subscriptions", a) == "revoked"; }));
  EXPECT_EQ(held_with_content(b, "%"), 0);

  // Nothing more reaches either of them.
  a.share_lesson("Another database lesson", {"database"});
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(b.count("SELECT 1 FROM received_lessons"), 1);
  EXPECT_EQ(c.count("SELECT 1 FROM received_lessons"), 1);
  EXPECT_EQ(a.count("SELECT 1 FROM federation_outbox WHERE lesson_id IS NOT NULL"), 0);
}

TEST_F(FederationDeliveryTest, BlockingASubscriberDropsItsQueueButStillTellsIt) {
  subscribe_b_and_c();
  // B goes away, so what A owes it stays queued.
  b.stop();
  a.share_lesson("Queued for a subscriber that is down", {"database"});
  ASSERT_TRUE(eventually([&] {
    return a.count(
               "SELECT 1 FROM federation_outbox WHERE lesson_id IS NOT NULL AND attempts > 0 "
               "AND peer_origin = '" +
               b.origin() + "'") == 1;
  }));
  auto blocked = a.call("POST", "/api/v1/peers/block", {{"peer_url", b.origin()}});
  ASSERT_EQ(blocked.status, 200) << blocked.body;
  EXPECT_EQ(blocked.body["deliveries_dropped"], 1);
  EXPECT_EQ(a.state_of("/api/v1/subscribers", b), "revoked");
  // B comes back: it hears the revocation and gets nothing else.
  b.start();
  ASSERT_TRUE(eventually([&] { return b.state_of("/api/v1/subscriptions", a) == "revoked"; }))
      << a.server().log_text();
  EXPECT_EQ(b.count("SELECT 1 FROM received_lessons WHERE fields IS NOT NULL"), 0);
  // C, still subscribed, got the lesson.
  ASSERT_TRUE(eventually([&] { return held_with_content(c, "Queued for%") == 1; }));
  // B's requests are refused from now on.
  auto peers = a.call("GET", "/api/v1/peers");
  bool seen = false;
  for (const auto& p : peers.body["items"])
    if (p["peer_url"] == b.origin()) {
      seen = true;
      EXPECT_EQ(p["blocked"], true);
      EXPECT_EQ(p["queued"], 0);
    }
  EXPECT_TRUE(seen) << peers.body;
  // The audit log names who blocked and what it ended.
  EXPECT_EQ(a.count("SELECT 1 FROM audit_log WHERE action = 'peer.block'"), 1);
}

}  // namespace
}  // namespace hindsight::test
