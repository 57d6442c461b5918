// Filing postmortems through the API: the template, versions with If-Match, the review
// workflow, validation naming the field, and the audit trail.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class PostmortemApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    member = server->create_user_with_token("mia", "member");
    other = server->create_user_with_token("noah", "member");
    reviewer = server->create_user_with_token("rita", "reviewer");
  }

  federation::HttpsResponse post(const std::string& path, const json& body,
                                 const std::string& token) {
    return server->request("POST", path, body.dump(), token);
  }

  json create(const json& body) {
    auto r = post("/api/v1/postmortems", body, member);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  federation::HttpsResponse put(const std::string& id, const json& body, const std::string& token,
                                const std::optional<std::string>& if_match) {
    HeaderPairs headers;
    if (if_match) headers.emplace_back("If-Match", *if_match);
    return server->request("PUT", "/api/v1/postmortems/" + id, body.dump(), token, headers);
  }

  int count(const std::string& table) {
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    return tx.exec("SELECT count(*) FROM " + table)[0][0].as<int>();
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string member, other, reviewer;
};

json full_postmortem() {
  return {
      {"title", "Checkout latency after cache eviction storm"},
      {"severity", "SEV2"},
      {"started_at", "2026-03-01T10:00:00Z"},
      {"detected_at", "2026-03-01T10:06:00Z"},
      {"mitigated_at", "2026-03-01T10:40:00+00:00"},
      {"resolved_at", "2026-03-01T12:00:00.250Z"},
      {"services", {"checkout", "redis"}},
      {"tags", {"cache", "latency"}},
      {"summary", "Evictions cascaded into database load."},
      {"impact", "p99 latency over 4 s for 34 minutes."},
      {"timeline",
       {{{"at", "2026-03-01T10:06:00Z"}, {"text", "Alert fired"}},
        {{"at", "2026-03-01T10:40:00Z"}, {"kind", "mitigation"}, {"text", "Raised maxmemory"}}}},
      {"trigger", "A deploy doubled key size."},
      {"contributing_factors",
       {{{"category", "capacity"}, {"text", "maxmemory too low"}},
        {{"category", "monitoring_gap"}, {"text", "no eviction alert"}}}},
      {"detection", "Latency alert."},
      {"resolution", "Raised the memory limit."},
      {"went_well", "Fast rollback."},
      {"went_poorly", "Slow paging."},
      {"lucky", "Low traffic hour."},
      {"action_items",
       {{{"text", "Alert on evictions"}, {"owner", "mia"}, {"due", "2026-04-01"}},
        {{"text", "Load test cache"},
         {"status", "in_progress"},
         {"external_link", "https://tracker.example/T-1"}}}},
      {"lessons_learned", "Size caches for the worst key."}};
}

TEST_F(PostmortemApi, CreateStoresEveryTemplateFieldAndDerivesDurations) {
  auto r = post("/api/v1/postmortems", full_postmortem(), member);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("etag"), "\"1\"");
  auto pm = json::parse(r.body);
  EXPECT_EQ(r.header("location"), "/api/v1/postmortems/" + pm["id"].get<std::string>());
  EXPECT_EQ(pm["version"], 1);
  EXPECT_EQ(pm["status"], "draft");
  EXPECT_EQ(pm["created_by"], "mia");
  EXPECT_EQ(pm["mitigated_at"], "2026-03-01T10:40:00Z");
  EXPECT_EQ(pm["resolved_at"], "2026-03-01T12:00:00.250000Z");
  EXPECT_EQ(pm["durations"]["time_to_detect_seconds"], 360);
  EXPECT_EQ(pm["durations"]["time_to_mitigate_seconds"], 2400);
  EXPECT_EQ(pm["durations"]["time_to_resolve_seconds"], 7200);
  EXPECT_EQ(pm["timeline"].size(), 2u);
  EXPECT_EQ(pm["timeline"][0]["kind"], "event");
  EXPECT_EQ(pm["contributing_factors"][1]["category"], "monitoring_gap");
  EXPECT_EQ(pm["action_items"][0]["owner"], "mia");
  EXPECT_EQ(pm["action_items"][0]["due"], "2026-04-01");
  EXPECT_EQ(pm["action_items"][0]["status"], "open");
  EXPECT_EQ(pm["action_items"][1]["status"], "in_progress");
  EXPECT_TRUE(pm["action_items"][0]["id"].is_string());
  EXPECT_EQ(pm["lessons_learned"], "Size caches for the worst key.");
  auto got = server->get("/api/v1/postmortems/" + pm["id"].get<std::string>(), member);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(json::parse(got.body), pm);
}

TEST_F(PostmortemApi, OnlyTitleAndSeverityAreRequired) {
  auto pm = create({{"title", "Minimal"}, {"severity", "SEV4"}});
  EXPECT_TRUE(pm["durations"]["time_to_detect_seconds"].is_null());
  EXPECT_EQ(pm["timeline"], json::array());
  EXPECT_EQ(pm["summary"], "");
}

TEST_F(PostmortemApi, AnonymousIs401AndUnknownIdIs404) {
  EXPECT_EQ(server->request("POST", "/api/v1/postmortems", full_postmortem().dump()).status, 401);
  EXPECT_EQ(server->get("/api/v1/postmortems/00000000-0000-0000-0000-000000000000", member).status,
            404);
  EXPECT_EQ(server->get("/api/v1/postmortems/not-a-uuid", member).status, 404);
}

struct BadField {
  json patch;
  std::string field;
};

TEST_F(PostmortemApi, BadInputNamesTheFieldAndStoresNothing) {
  std::vector<BadField> cases = {
      {{{"title", nullptr}}, "title"},
      {{{"title", "   "}}, "title"},
      {{{"title", std::string(301, 'x')}}, "title"},
      {{{"title", 7}}, "title"},
      {{{"severity", "SEV9"}}, "severity"},
      {{{"severity", nullptr}}, "severity"},
      {{{"started_at", "yesterday"}}, "started_at"},
      {{{"started_at", "2026-02-30T10:00:00Z"}}, "started_at"},
      {{{"detected_at", "2026-03-01T09:00:00Z"}}, "detected_at"},
      {{{"services", "checkout"}}, "services"},
      {{{"tags", {"ok", 5}}}, "tags[1]"},
      {{{"timeline",
         {{{"at", "2026-03-01T10:06:00Z"}, {"text", "a"}}, {{"at", "10:07"}, {"text", "b"}}}}},
       "timeline[1].at"},
      {{{"timeline", {{{"at", "2026-03-01T10:06:00Z"}}}}}, "timeline[0].text"},
      {{{"contributing_factors", {{{"category", "gremlins"}}}}},
       "contributing_factors[0].category"},
      {{{"action_items", {{{"text", "x"}, {"owner", "nobody"}}}}}, "action_items[0].owner"},
      {{{"action_items", {{{"text", "x"}, {"due", "2026-13-01"}}}}}, "action_items[0].due"},
      {{{"action_items", {{{"text", "x"}, {"status", "finished"}}}}}, "action_items[0].status"},
      {{{"action_items", {{{"text", "x"}, {"external_link", "javascript:alert(1)"}}}}},
       "action_items[0].external_link"},
      {{{"action_items", {{{"text", "x"}, {"id", "00000000-0000-0000-0000-000000000000"}}}}},
       "action_items[0].id"},
      {{{"colour", "blue"}}, "colour"},
  };
  for (const auto& c : cases) {
    json body = full_postmortem();
    body.merge_patch(c.patch);
    if (c.patch.contains("title") && c.patch["title"].is_null()) body["title"] = nullptr;
    if (c.patch.contains("severity") && c.patch["severity"].is_null()) body["severity"] = nullptr;
    auto r = post("/api/v1/postmortems", body, member);
    EXPECT_EQ(r.status, 400) << c.field << ": " << r.body;
    auto error = json::parse(r.body)["error"];
    EXPECT_EQ(error["code"], "validation_failed") << c.field;
    EXPECT_EQ(error.value("field", ""), c.field) << r.body;
  }
  EXPECT_EQ(count("postmortems"), 0);
  EXPECT_EQ(count("action_items"), 0);
}

TEST_F(PostmortemApi, MalformedJsonIs400) {
  auto r = server->request("POST", "/api/v1/postmortems", "{\"title\": ", member);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "invalid_json");
  EXPECT_EQ(count("postmortems"), 0);
}

TEST_F(PostmortemApi, InjectionAndMarkupAreStoredVerbatim) {
  std::string sql = "'); DROP TABLE postmortems; --";
  std::string xss = "<script>alert('x')</script><img src=x onerror=alert(1)>";
  auto pm = create({{"title", sql}, {"severity", "SEV3"}, {"summary", xss}, {"tags", {xss}}});
  auto got =
      json::parse(server->get("/api/v1/postmortems/" + pm["id"].get<std::string>(), member).body);
  EXPECT_EQ(got["title"], sql);
  EXPECT_EQ(got["summary"], xss);
  EXPECT_EQ(got["tags"][0], xss);
  EXPECT_EQ(count("postmortems"), 1);
}

TEST_F(PostmortemApi, PutNeedsIfMatchAndKeepsEveryVersion) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  json body = full_postmortem();
  body["title"] = "Second title";
  auto missing = put(id, body, member, std::nullopt);
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(json::parse(missing.body)["error"]["code"], "precondition_required");

  auto second = put(id, body, other, "\"1\"");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.header("etag"), "\"2\"");
  EXPECT_EQ(json::parse(second.body)["updated_by"], "noah");
  body["title"] = "Third title";
  ASSERT_EQ(put(id, body, member, "W/\"2\"").status, 200);

  auto versions = json::parse(server->get("/api/v1/postmortems/" + id + "/versions", member).body);
  ASSERT_EQ(versions["items"].size(), 3u);
  EXPECT_EQ(versions["items"][1]["editor"], "noah");
  auto v1 = json::parse(server->get("/api/v1/postmortems/" + id + "/versions/1", member).body);
  auto v2 = json::parse(server->get("/api/v1/postmortems/" + id + "/versions/2", member).body);
  EXPECT_EQ(v1["title"], "Checkout latency after cache eviction storm");
  EXPECT_EQ(v2["title"], "Second title");
  EXPECT_EQ(server->get("/api/v1/postmortems/" + id + "/versions/9", member).status, 404);
}

TEST_F(PostmortemApi, StaleIfMatchGets409WithTheCurrentVersion) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  json body = full_postmortem();
  body["summary"] = "first writer";
  ASSERT_EQ(put(id, body, member, "\"1\"").status, 200);
  body["summary"] = "second writer";
  auto stale = put(id, body, other, "\"1\"");
  EXPECT_EQ(stale.status, 409);
  auto answer = json::parse(stale.body);
  EXPECT_EQ(answer["error"]["code"], "conflict");
  EXPECT_EQ(answer["current"]["version"], 2);
  EXPECT_EQ(answer["current"]["summary"], "first writer");
}

TEST_F(PostmortemApi, ConcurrentEditsOfOneVersionLetExactlyOneWin) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  std::vector<int> statuses(6);
  std::vector<std::thread> writers;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    writers.emplace_back([&, i] {
      json body = full_postmortem();
      body["summary"] = "writer " + std::to_string(i);
      statuses[i] = put(id, body, i % 2 ? member : other, "\"1\"").status;
    });
  }
  for (auto& w : writers)
    w.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 5);
  auto versions = json::parse(server->get("/api/v1/postmortems/" + id + "/versions", member).body);
  EXPECT_EQ(versions["items"].size(), 2u);
}

TEST_F(PostmortemApi, ActionItemsKeepTheirIdsAcrossEdits) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  json body = full_postmortem();
  body["action_items"] = json::array({pm["action_items"][1], {{"text", "New item"}}});
  body["action_items"][0]["status"] = "done";
  auto r = put(id, body, member, "\"1\"");
  ASSERT_EQ(r.status, 200) << r.body;
  auto updated = json::parse(r.body);
  ASSERT_EQ(updated["action_items"].size(), 2u);
  EXPECT_EQ(updated["action_items"][0]["id"], pm["action_items"][1]["id"]);
  EXPECT_EQ(updated["action_items"][0]["status"], "done");
  EXPECT_NE(updated["action_items"][1]["id"], pm["action_items"][0]["id"]);
  EXPECT_EQ(count("action_items"), 2);
}

TEST_F(PostmortemApi, ReviewWorkflowAllowedAndRefusedTransitions) {
  auto pm = create(full_postmortem());
  std::string path = "/api/v1/postmortems/" + pm["id"].get<std::string>() + "/status";
  // Publishing straight from draft is not a transition.
  EXPECT_EQ(post(path, {{"status", "published"}}, reviewer).status, 409);
  // Someone who never edited it is not an author.
  EXPECT_EQ(post(path, {{"status", "in_review"}}, other).status, 403);
  auto submitted = post(path, {{"status", "in_review"}}, member);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(json::parse(submitted.body)["status"], "in_review");
  // Back to draft needs a reason.
  auto no_reason = post(path, {{"status", "draft"}}, member);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(json::parse(no_reason.body)["error"]["field"], "reason");
  // Members cannot publish; reviewers can.
  EXPECT_EQ(post(path, {{"status", "published"}}, member).status, 403);
  auto published = post(path, {{"status", "published"}}, reviewer);
  ASSERT_EQ(published.status, 200);
  auto doc = json::parse(published.body);
  EXPECT_EQ(doc["status"], "published");
  EXPECT_TRUE(doc["published_at"].is_string());
  EXPECT_EQ(post(path, {{"status", "in_review"}}, member).status, 409);
  EXPECT_EQ(post(path, {{"status", "archived"}}, member).status, 400);
}

TEST_F(PostmortemApi, SendingBackToDraftRecordsTheReason) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  std::string path = "/api/v1/postmortems/" + id + "/status";
  ASSERT_EQ(post(path, {{"status", "in_review"}}, member).status, 200);
  auto back = post(path, {{"status", "draft"}, {"reason", "timeline incomplete"}}, reviewer);
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(json::parse(back.body)["status"], "draft");
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  auto row = tx.exec_params(
      "SELECT actor, after->>'reason' FROM audit_log WHERE action = 'postmortem.status' AND "
      "target_id = $1 "
      "ORDER BY id DESC LIMIT 1",
      id);
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0].as<std::string>(), "rita");
  EXPECT_EQ(row[0][1].as<std::string>(), "timeline incomplete");
}

TEST_F(PostmortemApi, PublishedPostmortemsAreEditedOnlyByReviewers) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  std::string path = "/api/v1/postmortems/" + id + "/status";
  ASSERT_EQ(post(path, {{"status", "in_review"}}, member).status, 200);
  ASSERT_EQ(post(path, {{"status", "published"}}, reviewer).status, 200);
  json body = full_postmortem();
  body["summary"] = "after publishing";
  EXPECT_EQ(put(id, body, member, "\"3\"").status, 403);
  auto edited = put(id, body, reviewer, "\"3\"");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json::parse(edited.body)["status"], "published");
  EXPECT_EQ(json::parse(edited.body)["version"], 4);
}

TEST_F(PostmortemApi, EveryChangeIsAuditedAndTheLogIsAppendOnly) {
  auto pm = create(full_postmortem());
  std::string id = pm["id"];
  json body = full_postmortem();
  ASSERT_EQ(put(id, body, other, "\"1\"").status, 200);
  pqxx::connection conn(db.conninfo());
  {
    pqxx::read_transaction tx(conn);
    auto rows = tx.exec_params(
        "SELECT action, actor, before->>'version', after->>'version' FROM audit_log WHERE "
        "target_id = $1 ORDER BY id",
        id);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][0].as<std::string>(), "postmortem.create");
    EXPECT_EQ(rows[0][1].as<std::string>(), "mia");
    EXPECT_EQ(rows[1][0].as<std::string>(), "postmortem.update");
    EXPECT_EQ(rows[1][1].as<std::string>(), "noah");
    EXPECT_EQ(rows[1][2].as<std::string>(), "1");
    EXPECT_EQ(rows[1][3].as<std::string>(), "2");
  }
  pqxx::work tx(conn);
  EXPECT_THROW(tx.exec("UPDATE audit_log SET actor = 'someone else'"), pqxx::sql_error);
}

}  // namespace
}  // namespace hindsight::test
