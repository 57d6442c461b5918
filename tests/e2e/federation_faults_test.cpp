// Delivery under faults (docs/federation.md, "Delivery" and "Operating it"): a subscriber that
// was down converges by itself; a publisher process killed in the middle of a batch loses and
// repeats nothing; two publisher processes on one database send each event once; dropped
// connections and 5xx answers are retried with growing delays, then given up and retried by hand.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "tests/support/recording_proxy.hpp"
#include "tests/support/test_instance.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

long long held(const TestInstance& holder, const TestInstance& origin) {
  return holder.count("SELECT 1 FROM received_lessons WHERE origin = '" + origin.origin() + "'");
}

long long queued(const TestInstance& publisher) {
  return publisher.count("SELECT 1 FROM federation_outbox");
}

// Signed requests `receiver` accepted from `sender`: one nonce each.
long long accepted_requests(const TestInstance& receiver, const TestInstance& sender) {
  return receiver.count("SELECT 1 FROM federation_nonces WHERE key_id LIKE '" + sender.origin() +
                        "%'");
}

std::vector<std::string> share_lessons(TestInstance& publisher, int count,
                                       const std::string& title) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i)
    ids.push_back(publisher.share_lesson(title + " " + std::to_string(i), {"database"}));
  return ids;
}

TEST(FederationFaults, ASubscriberThatWasDownConvergesWithNoAdminAction) {
  TestInstance a{"Alpha Corp"}, b{"Beta Corp"};
  b.subscribe_accepted(a);

  b.stop();
  auto ids = share_lessons(a, 3, "Approved while the subscriber was down");
  a.update_lesson(ids[0], "Approved while the subscriber was down, revised", {"database"});
  ASSERT_TRUE(eventually([&] {
    return a.count(
               "SELECT 1 FROM federation_outbox WHERE attempts > 0 AND last_error IS NOT "
               "NULL") >= 4;
  })) << "the pushes fail while the subscriber is down";
  auto status = a.call("GET", "/api/v1/peers").body["items"][0];
  EXPECT_GE(status["queued"].get<int>(), 4) << status;
  EXPECT_FALSE(status["last_error"].is_null()) << status;

  b.start();  // pulls at start-up; the publisher's retries arrive as well
  ASSERT_TRUE(eventually([&] { return queued(a) == 0; })) << a.server().log_text();
  ASSERT_TRUE(eventually([&] {
    return b.count("SELECT 1 FROM received_lessons WHERE version = 2 AND title LIKE '%revised'") ==
           1;
  }));
  // Each lesson once, at its latest version; the two that never changed were applied once.
  EXPECT_EQ(held(b, a), 3);
  EXPECT_EQ(b.count("SELECT 1 FROM received_lessons WHERE version = 1 AND updated_at = "
                    "received_at"),
            2);
}

TEST(FederationFaults, APublisherKilledMidBatchLosesNothingAndAppliesNothingTwice) {
  // The in-process server only answers requests; separate processes on its database deliver.
  TestInstance a{"Alpha Corp", {{"delivery_workers", "0"}}}, b{"Beta Corp"};
  // Batches of 8: the kill falls among several batches, some sent, some claimed, some not.
  const std::map<std::string, std::string> sender = {
      {"delivery_workers", "1"}, {"delivery_batch", "8"}, {"delivery_lease", "2s"}};
  {
    auto first = a.start_process(sender);
    b.subscribe_accepted(a);
    first->signal(SIGTERM);
    ASSERT_EQ(first->wait_exit(), 0) << first->stderr_text();
  }
  constexpr int kLessons = 20;
  share_lessons(a, kLessons, "Queued while no sender runs");
  ASSERT_EQ(queued(a), kLessons);

  auto doomed = a.start_process(sender);
  ASSERT_TRUE(eventually([&] { return held(b, a) >= 1; }, std::chrono::seconds(60)));
  doomed->signal(SIGKILL);
  doomed->wait_exit();
  long long at_kill = held(b, a);
  std::cout << "killed with " << at_kill << " of " << kLessons << " delivered\n";

  // The rows the dead process had claimed become due when their lease ends.
  auto successor = a.start_process(sender);
  ASSERT_TRUE(eventually([&] { return queued(a) == 0; }, std::chrono::seconds(60)))
      << successor->stderr_text();
  EXPECT_EQ(held(b, a), kLessons);
  // Applied once each: a repeated send of a version already held changes nothing.
  EXPECT_EQ(b.count("SELECT 1 FROM received_lessons WHERE version = 1 AND updated_at = "
                    "received_at AND fields IS NOT NULL"),
            kLessons);
  EXPECT_EQ(a.count("SELECT 1 FROM federation_outbox WHERE dead_at IS NOT NULL"), 0);
}

TEST(FederationFaults, TwoPublisherProcessesOnOneDatabaseSendEachEventOnce) {
  TestInstance a{"Alpha Corp", {{"delivery_workers", "2"}}}, b{"Beta Corp"};
  auto second = a.start_process({{"delivery_workers", "2"}});
  b.subscribe_accepted(a);
  constexpr int kLessons = 12;
  share_lessons(a, kLessons, "Shared by two processes");

  ASSERT_TRUE(eventually([&] { return held(b, a) == kLessons && queued(a) == 0; }))
      << second->stderr_text();
  // One signed request per event: the acceptance and each lesson, none sent twice.
  EXPECT_EQ(accepted_requests(b, a), 1 + kLessons);
}

TEST(FederationFaults, FailedSendsAreRetriedWithGrowingDelaysThenGivenUpAndRetriedByHand) {
  RecordingProxy proxy;
  TestInstance a{"Alpha Corp",
                 {{"delivery_backoff_base", "100ms"}, {"delivery_give_up_after", "3s"}}};
  TestInstance b{"Beta Corp", {{"public_url", proxy.origin()}}};
  proxy.forward_to(b.server().port());
  b.subscribe_accepted(a);

  // Two dropped connections, then a 503 and a 500: four failures, then the send goes through.
  const std::string inbox = "/federation/v1/inbox";
  proxy.fail_next(inbox, {0, 0, 503, 500});
  a.share_lesson("Retried until it arrived", {"database"});
  ASSERT_TRUE(eventually([&] { return held(b, a) == 1 && queued(a) == 0; }))
      << a.server().log_text();
  std::vector<ProxiedExchange> sends;
  for (const auto& e : proxy.exchanges())
    if (e.target.starts_with(inbox) && e.request_body.find("lesson.published") != std::string::npos)
      sends.push_back(e);
  ASSERT_EQ(sends.size(), 5u);
  EXPECT_EQ(sends[4].status, 202);
  // Each delay at least the base doubled per failure (plus at most half again at random).
  for (std::size_t i = 1; i < sends.size(); ++i) {
    auto gap = std::chrono::duration_cast<milliseconds>(sends[i].at - sends[i - 1].at);
    EXPECT_GE(gap.count(), 100 * (1 << (i - 1)) - 20) << "delay before attempt " << i + 1;
  }

  // A receiver that keeps failing: the send is given up after delivery_give_up_after.
  proxy.fail_next(inbox, std::vector<int>(1000, 503));
  a.share_lesson("Given up, then retried by hand", {"database"});
  ASSERT_TRUE(eventually(
      [&] { return a.count("SELECT 1 FROM federation_outbox WHERE dead_at IS NOT NULL") == 1; }));
  auto status = a.call("GET", "/api/v1/peers").body["items"][0];
  EXPECT_EQ(status["dead"], 1) << status;
  std::string dead_gauge = "hindsight_federation_dead_deliveries{peer=\"" + b.origin() + "\"} 1";
  EXPECT_TRUE(eventually([&] {
    return a.server().get("/metrics", a.admin).body.find(dead_gauge) != std::string::npos;
  })) << a.server().get("/metrics", a.admin).body;

  proxy.fail_next(inbox, {});
  auto retry = a.call("POST", "/api/v1/peers/retry", {{"peer_url", b.origin()}});
  EXPECT_EQ(retry.status, 200) << retry.body;
  ASSERT_TRUE(eventually([&] { return held(b, a) == 2 && queued(a) == 0; }));
}

}  // namespace
}  // namespace hindsight::test
