// The inbox and the pull route against peers that send what they must not (docs/federation.md,
// "Inbox"): each refusal has the protocol's status, and nothing of it is stored. Requests are
// signed with the real keys of real instances, so only the rule under test fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <nlohmann/json.hpp>

#include "common/util/time_format.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/outbound/request_signing.hpp"
#include "tests/support/test_instance.hpp"
#include "tests/support/test_peer_signer.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

using federation::HttpsRequest;
using federation::HttpsResponse;
using nlohmann::json;

constexpr const char* kLessonLocalId = "6d1f3c2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f";

json fields(const std::string& title) {
  federation::LessonFields f;
  f.title = title;
  f.summary = "A pool ran dry.";
  return federation::to_json(f);
}

// The `lesson` object `origin` would publish as version `version` of one lesson.
json lesson(const std::string& origin, int version, const std::string& title,
            bool retracted = false) {
  std::optional<federation::LessonFields> f;
  if (!retracted) f = federation::parse_lesson_fields(fields(title));
  return federation::to_json(federation::make_lesson_document(
      origin, kLessonLocalId, version, common::format_rfc3339(std::chrono::system_clock::now()),
      {"database"}, "SEV2", f));
}

class FederationInboxTest : public ::testing::Test {
 protected:
  FederationInboxTest() {
    federation::HttpsClientOptions options;
    options.trust_ca_file = test_pki().ca_file;
    options.use_system_store = false;
    client = std::make_unique<federation::HttpsClient>(options);
  }

  void SetUp() override {
    b.subscribe_to(a);
    a.accept(b);
    ASSERT_TRUE(eventually([&] {
      return b.count("SELECT 1 FROM federation_subscriptions WHERE state = 'accepted'") == 1;
    }));
    b.subscribe_to(c);  // C never accepts: pending
  }

  federation::SigningKey key_of(const TestInstance& instance) {
    return instance_signing_key(instance.database().conninfo(), instance.origin());
  }

  json signed_document(const json& lesson_object, const TestInstance& signer) {
    auto key = key_of(signer);
    return federation::sign_lesson_document(lesson_object, key.key_id, key.key);
  }

  HttpsResponse send(const TestInstance& from, const std::string& method, const std::string& url,
                     const std::string& body) {
    HttpsRequest r{method, url, {}, body};
    auto key = key_of(from);
    federation::sign_request(r, federation::RequestSigner(key.key_id, key.key));
    return client->send(std::move(r));
  }

  HttpsResponse to_b_inbox(const TestInstance& from, const json& event) {
    return send(from, "POST", b.server().url(federation::kInboxPath), event.dump());
  }

  json lesson_event(const char* type, const json& document) {
    return {{"type", type},
            {"event_id", "e1b2c3d4-0000-4000-8000-000000000001"},
            {"document", document}};
  }

  // What B stored: received lessons and remembered nonces.
  std::pair<long long, long long> stored() {
    return {b.count("SELECT 1 FROM received_lessons"), b.count("SELECT 1 FROM federation_nonces")};
  }

  TestInstance a{"Alpha Corp"}, b{"Beta Corp"}, c{"Gamma Corp"}, d{"Delta Corp"};
  std::unique_ptr<federation::HttpsClient> client;
};

std::string error_code(const HttpsResponse& r) {
  json body = json::parse(r.body, nullptr, false);
  return body.is_object() ? body["error"].value("code", "") : "";
}

TEST_F(FederationInboxTest, AVerifiedLessonIsStoredOnceAndOlderVersionsAreIgnored) {
  auto v2 = to_b_inbox(
      a, lesson_event("lesson.updated", signed_document(lesson(a.origin(), 2, "Two"), a)));
  ASSERT_EQ(v2.status, 202) << v2.body;
  // Out of order: version 1 after version 2, and version 2 again, are acknowledged and ignored.
  auto v1 = to_b_inbox(
      a, lesson_event("lesson.published", signed_document(lesson(a.origin(), 1, "One"), a)));
  EXPECT_EQ(v1.status, 202) << v1.body;
  auto again = to_b_inbox(
      a, lesson_event("lesson.updated", signed_document(lesson(a.origin(), 2, "Two"), a)));
  EXPECT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(b.column("SELECT title || '|' || version FROM received_lessons"),
            std::vector<std::string>{"Two|2"});
  // A retraction keeps the signed tombstone and drops the content.
  auto v3 = to_b_inbox(
      a, lesson_event("lesson.retracted", signed_document(lesson(a.origin(), 3, "", true), a)));
  EXPECT_EQ(v3.status, 202) << v3.body;
  EXPECT_EQ(b.column("SELECT version || '|' || retracted || '|' || (fields IS NULL) || '|' || "
                     "(document->'lesson'->>'retracted') FROM received_lessons"),
            std::vector<std::string>{"3|true|true|true"});
}

TEST_F(FederationInboxTest, EventsArrivingTogetherAreEachAnsweredAndTheNewestVersionWins) {
  // Eight versions of one lesson at once, and one of them twice in the same signed request:
  // they are stored in groups, so this covers versions and a replay sharing a transaction.
  std::vector<HttpsRequest> requests;
  auto key = key_of(a);
  for (int version = 1; version <= 8; ++version) {
    HttpsRequest r{
        "POST",
        b.server().url(federation::kInboxPath),
        {},
        lesson_event("lesson.updated",
                     signed_document(lesson(a.origin(), version, "V" + std::to_string(version)), a))
            .dump()};
    federation::sign_request(r, federation::RequestSigner(key.key_id, key.key));
    requests.push_back(std::move(r));
  }
  requests.push_back(requests[4]);
  long long nonces_before = b.count("SELECT 1 FROM federation_nonces");
  std::vector<std::future<HttpsResponse>> answers;
  for (auto& r : requests)
    answers.push_back(std::async(std::launch::async, [&] { return client->send(r); }));
  std::vector<int> statuses;
  for (auto& answer : answers)
    statuses.push_back(answer.get().status);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 202), 8);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401), 1) << "the replayed request";
  EXPECT_EQ(b.column("SELECT title || '|' || version FROM received_lessons"),
            std::vector<std::string>{"V8|8"});
  EXPECT_EQ(b.count("SELECT 1 FROM federation_nonces"), nonces_before + 8);
}

TEST_F(FederationInboxTest, ATamperedDocumentIs422AndNothingIsStored) {
  json document = signed_document(lesson(a.origin(), 1, "Original title"), a);
  document["lesson"]["fields"]["title"] = "Changed after signing";
  auto before = stored();
  auto r = to_b_inbox(a, lesson_event("lesson.published", document));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_code(r), "invalid_document");
  EXPECT_EQ(stored(), before);
}

TEST_F(FederationInboxTest, ADocumentOfAnotherOriginIs422) {
  // C's genuine document, relayed by A.
  auto before = stored();
  auto r = to_b_inbox(
      a, lesson_event("lesson.published", signed_document(lesson(c.origin(), 1, "From C"), c)));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("not the sending instance"), std::string::npos) << r.body;
  // A's document signed with C's key.
  auto forged = to_b_inbox(
      a, lesson_event("lesson.published", signed_document(lesson(a.origin(), 1, "Forged"), c)));
  EXPECT_EQ(forged.status, 422) << forged.body;
  EXPECT_EQ(stored(), before);
}

TEST_F(FederationInboxTest, LessonEventsWithoutAnAcceptedSubscriptionAre403) {
  auto before = stored();
  // B's subscription to C is pending.
  auto pending = to_b_inbox(
      c, lesson_event("lesson.published", signed_document(lesson(c.origin(), 1, "From C"), c)));
  EXPECT_EQ(pending.status, 403) << pending.body;
  // D has no subscription with B at all: refused before its signature is checked.
  auto stranger = to_b_inbox(
      d, lesson_event("lesson.published", signed_document(lesson(d.origin(), 1, "From D"), d)));
  EXPECT_EQ(stranger.status, 403) << stranger.body;
  // B blocks A: A's events are refused.
  ASSERT_EQ(b.call("POST", "/api/v1/peers/block", {{"peer_url", a.origin()}}).status, 200);
  auto blocked = to_b_inbox(
      a, lesson_event("lesson.published", signed_document(lesson(a.origin(), 1, "From A"), a)));
  EXPECT_EQ(blocked.status, 403) << blocked.body;
  EXPECT_EQ(stored(), before);
}

TEST_F(FederationInboxTest, MalformedEventsAre400Or422) {
  auto before = stored();
  EXPECT_EQ(to_b_inbox(a, {{"type", "lesson.exploded"}}).status, 400);
  EXPECT_EQ(to_b_inbox(a, {{"type", "lesson.published"}, {"event_id", "x"}}).status, 400);
  EXPECT_EQ(to_b_inbox(a, json::array()).status, 400);
  auto duplicate = send(a, "POST", b.server().url(federation::kInboxPath),
                        R"({"type": "subscription.accepted", "type": "lesson.published"})");
  EXPECT_EQ(duplicate.status, 400) << duplicate.body;
  // The event says published, the document is a retraction.
  auto mismatch = to_b_inbox(
      a, lesson_event("lesson.published", signed_document(lesson(a.origin(), 2, "", true), a)));
  EXPECT_EQ(mismatch.status, 422) << mismatch.body;
  // An event about a subscription B does not have with A.
  auto unknown = to_b_inbox(a, {{"type", "subscription.revoked"}, {"subscription", "nope"}});
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(stored(), before);
  EXPECT_EQ(b.count("SELECT 1 FROM federation_subscriptions WHERE state = 'accepted'"), 1);
}

TEST_F(FederationInboxTest, PullingWithoutAnAcceptedSubscriptionIs403) {
  // C asked A for a subscription that A has not accepted.
  c.subscribe_to(a);
  auto pull = send(c, "GET", a.server().url(federation::kLessonsPath), "");
  EXPECT_EQ(pull.status, 403) << pull.body;
  // B, accepted, may pull; a cursor A never gave is refused.
  auto ok =
      send(b, "GET", a.server().url(std::string(federation::kLessonsPath) + "?limit=500"), "");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["items"], json::array());
  EXPECT_TRUE(json::parse(ok.body)["next"].is_string());
  // A limit past the cap is not refused (the cap applies).
  auto capped =
      send(b, "GET", a.server().url(std::string(federation::kLessonsPath) + "?limit=5000000"), "");
  EXPECT_EQ(capped.status, 200) << capped.body;
  auto bad =
      send(b, "GET", a.server().url(std::string(federation::kLessonsPath) + "?after=x1"), "");
  EXPECT_EQ(bad.status, 400) << bad.body;
}

}  // namespace
}  // namespace hindsight::test
