// Public lessons through the API against a real server and database: an admin makes an approved
// lesson public, anyone then reads its page (escaped, licensed, script-free), its signed document
// (verified with the keys discovery publishes) and the Atom feed (parsed as XML); a new version
// and a retraction show in both at once, and a lesson made private again is gone from both.
// Nothing else opens without signing in, and only admins change what is public.
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "common/util/time_format.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/identity/instance_keys.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

constexpr const char* kOrigin = "https://lessons.example";
constexpr const char* kTitle = "Checkout <script>alert(\"x\")</script> & payments outage";
constexpr const char* kPerson = "Zorblax Quintavius";
constexpr const char* kHost = "db-prod-03.corp.internal";

json incident(const std::string& title = kTitle) {
  return {{"title", title},
          {"severity", "SEV2"},
          {"started_at", "2026-03-01T10:00:00Z"},
          {"detected_at", "2026-03-01T10:06:00Z"},
          {"resolved_at", "2026-03-01T12:00:00Z"},
          {"services", {"checkout"}},
          {"tags", {"database", "r&d"}},
          {"summary", std::string(kPerson) + " saw " + kHost + " refuse connections.\n\n" +
                          "Payments failed for 34 minutes."},
          {"timeline", {{{"at", "2026-03-01T10:06:00Z"}, {"text", "Alert fired"}}}},
          {"contributing_factors", {{{"category", "capacity"}, {"text", "Pool too small"}}}},
          {"action_items", {{{"text", "Alert on pool saturation"}, {"owner", "priya"}}}},
          {"lessons_learned", "Size pools for failover."}};
}

struct Feed {
  json summary;  // what tests/support/atom_summary.py read
  std::string error;
};

// The feed read by Python's XML parser: a feed that is not well-formed XML fails here.
Feed parse_feed(const std::string& xml) {
  auto dir = make_temp_dir("hindsight-feed");
  auto file = dir / "feed.atom";
  std::ofstream(file, std::ios::binary) << xml;
  std::string command =
      std::string("/usr/bin/python3 ") + HINDSIGHT_ATOM_SUMMARY + " < '" + file.string() + "' 2>&1";
  Feed feed;
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe != nullptr) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe))
      output.append(buffer, n);
    int status = pclose(pipe);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
      feed.summary = json::parse(output);
    else
      feed.error = output.empty() ? "the feed reader did not run" : output;
  }
  std::filesystem::remove_all(dir);
  return feed;
}

bool is_atom_date(const json& value) {
  if (!value.is_string()) return false;
  std::string text = value;
  return common::parse_rfc3339(text).has_value() && text.find('T') != std::string::npos &&
         text.back() == 'Z';
}

class PublicLessonsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(
        db.conninfo(), std::map<std::string, std::string>{{"name", "Vandelay Industries"},
                                                          {"peer_name", "Team Hindsight"},
                                                          {"public_url", kOrigin}});
    member = server->create_user_with_token("mia", "member");
    reviewer = server->create_user_with_token("rita", "reviewer");
    admin = server->create_user_with_token("ada", "admin");
    server->create_user_with_token("priya", "member");
    sql("UPDATE users SET display_name = '" + std::string(kPerson) + "' WHERE username = 'priya'");
  }

  void sql(const std::string& statement) {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec(statement);
    tx.commit();
  }

  std::string query_text(const std::string& statement) {
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    auto rows = tx.exec(statement);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
  }

  federation::HttpsResponse post(const std::string& path, const std::optional<std::string>& token,
                                 const json& body = json::object()) {
    return server->request("POST", path, body.dump(), token);
  }

  // A published postmortem with a drafted lesson; returns {postmortem id, lesson id}.
  std::pair<std::string, std::string> drafted_lesson() {
    auto created = post("/api/v1/postmortems", member, incident());
    EXPECT_EQ(created.status, 201) << created.body;
    std::string pm = json::parse(created.body)["id"];
    EXPECT_EQ(
        post("/api/v1/postmortems/" + pm + "/status", member, {{"status", "in_review"}}).status,
        200);
    EXPECT_EQ(
        post("/api/v1/postmortems/" + pm + "/status", reviewer, {{"status", "published"}}).status,
        200);
    auto lesson = post("/api/v1/postmortems/" + pm + "/lesson", reviewer);
    EXPECT_EQ(lesson.status, 201) << lesson.body;
    return {pm, json::parse(lesson.body)["id"]};
  }

  json approve(const std::string& lesson_id) {
    auto r = post("/api/v1/lessons/" + lesson_id + "/approve", reviewer);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  // An approved lesson, made public by the admin.
  std::pair<std::string, std::string> public_lesson() {
    auto ids = drafted_lesson();
    approve(ids.second);
    auto r = post("/api/v1/lessons/" + ids.second + "/public", admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return ids;
  }

  // A new version of the postmortem, drafted and approved: lesson version n+1.
  void approve_new_version(const std::string& pm, const std::string& lesson_id,
                           const std::string& title) {
    auto current = server->get("/api/v1/postmortems/" + pm, reviewer);
    json body = incident(title);
    auto put = server->request("PUT", "/api/v1/postmortems/" + pm, body.dump(), reviewer,
                               {{"If-Match", current.header("etag")}});
    ASSERT_EQ(put.status, 200) << put.body;
    auto redraft = post("/api/v1/postmortems/" + pm + "/lesson", reviewer);
    ASSERT_EQ(redraft.status, 201) << redraft.body;
    ASSERT_EQ(json::parse(redraft.body)["id"], lesson_id);
    approve(lesson_id);
  }

  // Anyone's request: no credentials at all.
  federation::HttpsResponse page(const std::string& id) {
    return server->request("GET", "/public/lessons/" + id, "", std::nullopt,
                           {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
  }
  federation::HttpsResponse document(const std::string& id) {
    return server->request("GET", "/public/lessons/" + id, "", std::nullopt,
                           {{"Accept", "application/json"}});
  }
  Feed feed() {
    auto r = server->get("/public/feed.atom");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.header("content-type").starts_with("application/atom+xml"))
        << r.header("content-type");
    EXPECT_EQ(r.body.find("<script"), std::string::npos) << "unescaped markup in the feed";
    Feed parsed = parse_feed(r.body);
    EXPECT_TRUE(parsed.error.empty()) << parsed.error << "\n" << r.body;
    return parsed;
  }

  // Verifies the signed document with the keys the instance's discovery document lists, as a
  // stranger would.
  federation::VerifiedLessonDocument verify(const std::string& body) {
    auto discovery = json::parse(server->get("/.well-known/hindsight").body);
    std::map<std::string, common::crypto::Ed25519PublicKey> keys;
    for (const auto& key : discovery["keys"]) {
      auto raw = common::crypto::base64url_decode(key["public_key"].get<std::string>());
      keys.emplace(key["id"], common::crypto::Ed25519PublicKey::from_raw(*raw));
    }
    return federation::verify_signed_document(
        body, kOrigin,
        [&](const std::string& key_id) -> std::optional<common::crypto::Ed25519PublicKey> {
          auto found = keys.find(key_id);
          if (found == keys.end()) return std::nullopt;
          return found->second;
        });
  }

  int audit_count(const std::string& action) {
    auto r = server->get("/api/v1/audit?action=" + action, admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<int>(json::parse(r.body)["items"].size());
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string member, reviewer, admin;
};

TEST_F(PublicLessonsTest, ALessonThatIsNotPublicIs404ExactlyLikeAnUnknownId) {
  auto [pm, id] = drafted_lesson();
  approve(id);
  std::string unknown = "00000000-0000-4000-8000-000000000000";
  for (const std::string& other : {unknown, std::string("not-a-uuid")}) {
    for (bool json_wanted : {false, true}) {
      auto mine = json_wanted ? document(id) : page(id);
      auto theirs = json_wanted ? document(other) : page(other);
      EXPECT_EQ(mine.status, 404) << mine.body;
      EXPECT_EQ(theirs.status, 404) << theirs.body;
      EXPECT_EQ(mine.body, theirs.body);
      EXPECT_EQ(mine.header("content-type"), theirs.header("content-type"));
    }
  }
  EXPECT_EQ(page(id).body.find("Checkout"), std::string::npos);
  Feed f = feed();
  EXPECT_EQ(f.summary["entries"], json::array());
  // Even reviewers' credentials open nothing more here.
  auto signed_in = server->request("GET", "/public/lessons/" + id, "", reviewer,
                                   {{"Accept", "application/json"}});
  EXPECT_EQ(signed_in.status, 404);
}

TEST_F(PublicLessonsTest, APublicLessonIsAnEscapedScriptFreePageForAnyone) {
  auto [pm, id] = public_lesson();
  auto r = page(id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  const std::string& html = r.body;
  // The title holds markup and an ampersand: both escaped, nothing of it runs.
  EXPECT_NE(html.find("Checkout &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; payments"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("r&amp;d"), std::string::npos);
  // No script may run at all, and nothing loads but the page's own stylesheet.
  std::string policy = r.header("content-security-policy");
  EXPECT_TRUE(policy.starts_with("default-src 'none';")) << policy;
  EXPECT_EQ(policy.find("script-src"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  // The licence named and linked, the version and its dates.
  EXPECT_NE(html.find("<a rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/\">"
                      "CC BY 4.0</a>"),
            std::string::npos);
  EXPECT_EQ(r.header("link"), "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"");
  EXPECT_NE(html.find("<dt>Version</dt><dd>1</dd>"), std::string::npos);
  std::string published = json::parse(
      query_text("SELECT document::text FROM lesson_versions WHERE version = 1"))["published_at"];
  EXPECT_NE(html.find("<time datetime=\"" + published + "\">"), std::string::npos);
  EXPECT_NE(html.find("Team Hindsight"), std::string::npos);
  // Only the anonymized lesson: nothing of the original postmortem, nor the organization's name.
  EXPECT_EQ(html.find(kPerson), std::string::npos);
  EXPECT_EQ(html.find(kHost), std::string::npos);
  EXPECT_EQ(html.find("Vandelay"), std::string::npos);
  EXPECT_NE(html.find("[PERSON-1]"), std::string::npos);
  // Paragraphs of the summary, the timeline as offsets.
  EXPECT_NE(html.find("<p>Payments failed for 34 minutes.</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("T+6m Alert fired"), std::string::npos) << html;
  EXPECT_EQ(r.header("cache-control"), "no-cache");
}

TEST_F(PublicLessonsTest, TheJsonDocumentIsSignedNowAndVerifiesWithTheDiscoveryKeys) {
  auto [pm, id] = public_lesson();
  auto r = document(id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.header("content-type").starts_with("application/json"));
  EXPECT_EQ(r.header("vary"), "Accept");
  auto verified = verify(r.body);
  EXPECT_EQ(verified.document.id, std::string(kOrigin) + "/lessons/" + id);
  EXPECT_EQ(verified.document.version, 1);
  EXPECT_FALSE(verified.document.retracted);
  ASSERT_TRUE(verified.document.fields);
  EXPECT_EQ(verified.document.fields->title, kTitle);
  // Exactly the stored version, and nothing beside the lesson and its signature.
  json body = json::parse(r.body);
  EXPECT_EQ(
      body["lesson"],
      json::parse(query_text("SELECT document::text FROM lesson_versions WHERE version = 1")));
  EXPECT_EQ(body.size(), 2u);
  // Signed when read, with the key current then: after a rotation the new key signs.
  std::string first_key = body["signature"]["keyid"];
  {
    common::db::ConnectionPool pool(db.conninfo(), 1);
    federation::InstanceKeys keys(*common::crypto::base64_decode(kTestKeyEncryptionKey));
    common::db::with_transaction(pool, [&](common::db::Transaction& tx) {
      keys.rotate(tx, {std::nullopt, "test"});
    });
  }
  auto after = document(id);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(json::parse(after.body)["signature"]["keyid"], first_key);
  EXPECT_NO_THROW(verify(after.body));
}

TEST_F(PublicLessonsTest, TheFeedIsAtomWithAnEntryPerPublicLesson) {
  auto [pm, id] = public_lesson();
  Feed f = feed();
  const json& s = f.summary;
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s["root"], "{http://www.w3.org/2005/Atom}feed");
  EXPECT_EQ(s["children"]["id"], 1);
  EXPECT_EQ(s["children"]["title"], 1);
  EXPECT_EQ(s["children"]["updated"], 1);
  EXPECT_EQ(s["id"], std::string(kOrigin) + "/public/feed.atom");
  EXPECT_EQ(s["title"], "Team Hindsight: public lessons");
  EXPECT_TRUE(is_atom_date(s["updated"])) << s["updated"];
  EXPECT_EQ(s["author"], "Team Hindsight");
  EXPECT_EQ(s["rights"], "CC BY 4.0");
  EXPECT_NE(std::find(s["links"].begin(), s["links"].end(),
                      json{{"rel", "self"},
                           {"type", "application/atom+xml"},
                           {"href", std::string(kOrigin) + "/public/feed.atom"}}),
            s["links"].end())
      << s["links"];
  ASSERT_EQ(s["entries"].size(), 1u);
  const json& entry = s["entries"][0];
  for (const char* once : {"id", "title", "updated", "published", "summary", "rights"})
    EXPECT_EQ(entry["children"][once], 1) << once;
  EXPECT_EQ(entry["id"], std::string(kOrigin) + "/lessons/" + id);
  EXPECT_EQ(entry["title"], kTitle);  // escaped in the XML, the same text once parsed
  EXPECT_TRUE(is_atom_date(entry["updated"])) << entry["updated"];
  EXPECT_TRUE(is_atom_date(entry["published"])) << entry["published"];
  EXPECT_EQ(entry["rights"], "CC BY 4.0");
  EXPECT_EQ(entry["summary"],
            "[PERSON-1] saw [HOSTNAME-1] refuse connections.\n\n"
            "Payments failed for 34 minutes.");
  EXPECT_EQ(entry["categories"], json({"database", "r&d"}));
  json alternate = {{"rel", "alternate"},
                    {"type", "text/html"},
                    {"href", std::string(kOrigin) + "/public/lessons/" + id}};
  EXPECT_NE(std::find(entry["links"].begin(), entry["links"].end(), alternate),
            entry["links"].end())
      << entry["links"];
  EXPECT_TRUE(common::parse_rfc3339(s["updated"].get<std::string>()) >=
              common::parse_rfc3339(entry["updated"].get<std::string>()));
}

TEST_F(PublicLessonsTest, ANewApprovedVersionShowsInThePageTheDocumentAndTheFeedAtOnce) {
  auto [pm, id] = public_lesson();
  approve_new_version(pm, id, "Checkout outage, second look");
  auto html = page(id);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<h1>Checkout outage, second look</h1>"), std::string::npos);
  EXPECT_NE(html.body.find("<dt>Version</dt><dd>2</dd>"), std::string::npos);
  EXPECT_EQ(html.body.find("&lt;script&gt;"), std::string::npos) << "the old version's title";
  auto verified = verify(document(id).body);
  EXPECT_EQ(verified.document.version, 2);
  EXPECT_EQ(verified.document.fields->title, "Checkout outage, second look");
  Feed f = feed();
  ASSERT_EQ(f.summary["entries"].size(), 1u);
  const json& entry = f.summary["entries"][0];
  EXPECT_EQ(entry["title"], "Checkout outage, second look");
  EXPECT_TRUE(common::parse_rfc3339(entry["updated"].get<std::string>()) >=
              common::parse_rfc3339(entry["published"].get<std::string>()));
  // The first approval stays the entry's publication.
  std::string first = json::parse(
      query_text("SELECT document::text FROM lesson_versions WHERE version = 1"))["published_at"];
  EXPECT_EQ(entry["published"], first);
}

TEST_F(PublicLessonsTest, ARetractionShowsAtOnceWithoutTheContent) {
  auto [pm, id] = public_lesson();
  ASSERT_EQ(post("/api/v1/lessons/" + id + "/retract", reviewer).status, 200);
  auto html = page(id);
  EXPECT_EQ(html.status, 410);
  EXPECT_NE(html.body.find("<h1>Retracted lesson</h1>"), std::string::npos) << html.body;
  EXPECT_NE(html.body.find("<dt>Version</dt><dd>2</dd>"), std::string::npos);
  for (const char* gone : {"Checkout", "PERSON", "Payments", "Alert fired", "r&amp;d"})
    EXPECT_EQ(html.body.find(gone), std::string::npos) << gone;
  auto json_answer = document(id);
  EXPECT_EQ(json_answer.status, 410);
  auto verified = verify(json_answer.body);
  EXPECT_TRUE(verified.document.retracted);
  EXPECT_EQ(verified.document.version, 2);
  EXPECT_FALSE(verified.document.fields);
  Feed f = feed();
  ASSERT_EQ(f.summary["entries"].size(), 1u);
  const json& entry = f.summary["entries"][0];
  EXPECT_EQ(entry["title"], "Retracted lesson");
  EXPECT_NE(entry["summary"].get<std::string>().find("Retracted on"), std::string::npos);
  EXPECT_EQ(entry["categories"], json::array());
  EXPECT_EQ(f.summary.dump().find("Checkout"), std::string::npos);
  // A retracted lesson stays public (its retraction is news), but cannot be made public anew.
  ASSERT_EQ(server->request("DELETE", "/api/v1/lessons/" + id + "/public", "", admin).status, 200);
  EXPECT_EQ(post("/api/v1/lessons/" + id + "/public", admin).status, 409);
}

TEST_F(PublicLessonsTest, MadePrivateAgainTheLessonIs404AndLeavesTheFeed) {
  auto [pm, id] = public_lesson();
  std::string before_updated = feed().summary["updated"];
  auto r = server->request("DELETE", "/api/v1/lessons/" + id + "/public", "", admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["public"], false);
  EXPECT_EQ(page(id).status, 404);
  EXPECT_EQ(document(id).status, 404);
  EXPECT_EQ(page(id).body, page("00000000-0000-4000-8000-000000000000").body);
  Feed f = feed();
  EXPECT_EQ(f.summary["entries"], json::array());
  EXPECT_TRUE(common::parse_rfc3339(f.summary["updated"].get<std::string>()) >=
              common::parse_rfc3339(before_updated));
}

TEST_F(PublicLessonsTest, OnlyAdminsChangeThePublicStateAndEveryChangeIsAudited) {
  auto [pm, id] = drafted_lesson();
  std::string path = "/api/v1/lessons/" + id + "/public";
  // A lesson never approved cannot be public.
  auto draft_only = post(path, admin);
  EXPECT_EQ(draft_only.status, 409) << draft_only.body;
  EXPECT_EQ(json::parse(draft_only.body)["error"]["code"], "conflict");
  approve(id);
  EXPECT_EQ(post(path, member).status, 403);
  EXPECT_EQ(post(path, reviewer).status, 403);
  EXPECT_EQ(post(path, std::nullopt).status, 401);
  EXPECT_EQ(server->request("DELETE", path, "", reviewer).status, 403);
  EXPECT_EQ(page(id).status, 404);
  EXPECT_EQ(post("/api/v1/lessons/00000000-0000-4000-8000-000000000000/public", admin).status, 404);

  auto made = post(path, admin);
  ASSERT_EQ(made.status, 200) << made.body;
  json view = json::parse(made.body);
  EXPECT_EQ(view["public"], true);
  EXPECT_TRUE(common::parse_rfc3339(view["public_since"].get<std::string>()).has_value());
  EXPECT_FALSE(made.header("etag").empty());
  // Reviewers see the state in the lesson view.
  json seen = json::parse(server->get("/api/v1/lessons/" + id, reviewer).body);
  EXPECT_EQ(seen["public"], true);
  // Asking again changes nothing and records nothing.
  EXPECT_EQ(post(path, admin).status, 200);
  EXPECT_EQ(audit_count("lesson.public"), 1);
  auto audit = json::parse(server->get("/api/v1/audit?action=lesson.public", admin).body);
  EXPECT_EQ(audit["items"][0]["actor"], "ada");
  EXPECT_EQ(audit["items"][0]["target_id"], id);

  EXPECT_EQ(server->request("DELETE", path, "", member).status, 403);
  ASSERT_EQ(server->request("DELETE", path, "", admin).status, 200);
  EXPECT_EQ(server->request("DELETE", path, "", admin).status, 200);
  EXPECT_EQ(audit_count("lesson.private"), 1);
  seen = json::parse(server->get("/api/v1/lessons/" + id, reviewer).body);
  EXPECT_EQ(seen["public"], false);
  EXPECT_TRUE(seen["public_since"].is_null());
}

TEST_F(PublicLessonsTest, OnlyThePublicRoutesAnswerWithoutSigningIn) {
  auto [pm, id] = public_lesson();
  EXPECT_EQ(page(id).status, 200);
  EXPECT_EQ(document(id).status, 200);
  EXPECT_EQ(server->get("/public/feed.atom").status, 200);
  // The lesson is public; its reviewer view, the list and the postmortem are not.
  EXPECT_EQ(server->get("/api/v1/lessons/" + id).status, 401);
  EXPECT_EQ(server->get("/api/v1/lessons").status, 401);
  EXPECT_EQ(server->get("/api/v1/postmortems/" + pm).status, 401);
  // There is no listing of lessons under /public, and the frontend's fallback does not answer
  // there: every other path is a JSON 404.
  for (const char* path : {"/public/lessons", "/public/lessons/", "/public", "/public/anything",
                           "/public/lessons/a/b"}) {
    auto r = server->get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_TRUE(r.header("content-type").starts_with("application/json")) << path;
  }
}

}  // namespace
}  // namespace hindsight::test
