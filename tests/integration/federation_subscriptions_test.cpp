// Subscription decisions between three real instances over HTTPS (docs/federation.md,
// "Subscriptions"): a request waits for the publisher's admin unless the auto-accept policy
// covers the sender, for that peer alone or for every peer (off by default); a rejected
// subscriber is told so and receives nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_instance.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

// The state of `subscriber`'s outgoing subscription `id`, as `subscriber` sees it.
std::string outgoing_state(const TestInstance& subscriber, const std::string& id) {
  auto answer = subscriber.call("GET", "/api/v1/subscriptions/" + id);
  EXPECT_EQ(answer.status, 200) << answer.body;
  return answer.body.value("state", "");
}

TEST(FederationSubscriptionsTest, RequestsWaitForAnAdminUnlessAutoAcceptCoversTheSender) {
  TestInstance a{"Alpha Corp"}, b{"Beta Corp"}, c{"Gamma Corp"};
  a.share_lesson("Pool exhaustion", {"database"});
  auto policy = a.call("GET", "/api/v1/federation/policy");
  ASSERT_EQ(policy.status, 200) << policy.body;
  EXPECT_EQ(policy.body["auto_accept_all"], false) << policy.body;

  // Off by default: B's request waits; A rejects it, B hears so and receives nothing.
  std::string first = b.subscribe_to(a);
  EXPECT_EQ(a.state_of("/api/v1/subscribers", b), "pending");
  auto rejected = a.call("POST", "/api/v1/subscribers/" + a.subscriber_request_from(b) + "/reject",
                         json::object());
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  ASSERT_TRUE(eventually([&] { return outgoing_state(b, first) == "rejected"; }));

  // Auto-accept for C alone: C's request is accepted at once, and C backfills.
  auto for_c = a.call("POST", "/api/v1/peers/auto-accept",
                      {{"peer_url", c.origin()}, {"auto_accept", true}});
  ASSERT_EQ(for_c.status, 200) << for_c.body;
  std::string c_subscription = c.subscribe_to(a);
  ASSERT_TRUE(eventually([&] { return outgoing_state(c, c_subscription) == "accepted"; }));
  ASSERT_TRUE(eventually([&] { return c.count("SELECT 1 FROM received_lessons") == 1; }));

  // It does not cover B: B's new request waits.
  std::string second = b.subscribe_to(a);
  EXPECT_NE(second, first);
  EXPECT_EQ(outgoing_state(b, second), "pending");

  // Auto-accept for every peer: B cancels and asks again, and is accepted at once.
  auto all = a.call("PUT", "/api/v1/federation/policy", {{"auto_accept_all", true}});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.body["auto_accept_all"], true) << all.body;
  ASSERT_EQ(b.call("DELETE", "/api/v1/subscriptions/" + second).status, 200);
  // Until A has the cancellation, B refuses to ask again (A would answer with the request it
  // still holds, which the cancellation then ends).
  std::string third;
  ASSERT_TRUE(eventually([&] {
    auto asked = b.call("POST", "/api/v1/subscriptions",
                        {{"peer_url", a.origin()}, {"topics", json::array()}});
    EXPECT_TRUE(asked.status == 201 || asked.status == 409) << asked.body;
    if (asked.status == 201) third = asked.body["id"];
    return asked.status == 201;
  }));
  ASSERT_TRUE(eventually([&] { return outgoing_state(b, third) == "accepted"; }));
  ASSERT_TRUE(eventually([&] { return b.count("SELECT 1 FROM received_lessons") == 1; }))
      << b.server().log_text() << a.server().log_text();

  // Every change of the policy is audited.
  EXPECT_EQ(a.count("SELECT 1 FROM audit_log WHERE action = 'federation.auto_accept'"), 2);
}

}  // namespace
}  // namespace hindsight::test
