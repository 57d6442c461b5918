// Lesson drafts through the API: one placeholder mapping across fields, offsets that slice
// the original, nothing original stored, reviewer rules, the approval re-scan, retraction,
// and bad input refused by field with nothing stored.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

constexpr const char* kEmail = "priya.raman@corp-mail.example";
constexpr const char* kHost = "db-prod-03.corp.internal";
constexpr const char* kIp = "10.20.30.40";
constexpr const char* kToken = "ghp_Z7x9Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4";

json incident() {
  return {
      {"title", "Checkout outage after the Nightjar deploy"},
      {"severity", "SEV2"},
      {"started_at", "2026-03-01T10:00:00Z"},
      {"detected_at", "2026-03-01T10:06:00Z"},
      {"mitigated_at", "2026-03-01T10:40:00Z"},
      {"resolved_at", "2026-03-01T12:00:00Z"},
      {"services", {"checkout", "payments"}},
      {"tags", {"database", "nightjar"}},
      {"summary", std::string("Zorblax Quintavius paged ") + kEmail + " when " + kHost + " at " +
                      kIp + " refused connections at 2026-03-01T10:06:00Z."},
      {"impact", "Kunden in München could not pay Globex for 34 minutes."},
      {"timeline",
       {{{"at", "2026-03-01T10:06:00Z"}, {"text", std::string("Alert fired for ") + kHost}},
        {{"at", "2026-03-01T10:40:00Z"}, {"text", "Quintavius failed over the primary"}}}},
      {"trigger",
       std::string("A deploy of Nightjar logged the token ") + kToken + " in plain text."},
      {"contributing_factors", {{{"category", "capacity"}, {"text", "Nightjar pool too small"}}}},
      {"detection", "The latency alert."},
      {"resolution", "Failover, then a bigger pool."},
      {"went_well", "Vandelay Industries paged fast."},
      {"went_poorly", "Slow failover."},
      {"lucky", "Low traffic."},
      {"action_items",
       {{{"text", "Alert on pool saturation"}, {"owner", "priya"}},
        {{"text", "Rotate the leaked token"}}}},
      {"lessons_learned", "Size pools for failover."}};
}

class LessonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(
        db.conninfo(),
        std::map<std::string, std::string>{{"name", "Vandelay Industries"},
                                           {"public_url", "https://lessons.example"}});
    member = server->create_user_with_token("mia", "member");
    reviewer = server->create_user_with_token("rita", "reviewer");
    admin = server->create_user_with_token("ada", "admin");
    server->create_user_with_token("priya", "member");
    sql("UPDATE users SET display_name = 'Zorblax Quintavius', email = '" + std::string(kEmail) +
        "' WHERE username = 'priya'");
    auto dictionary = server->request(
        "PUT", "/api/v1/dictionary",
        json{{"dictionary", {{"terms", {"Nightjar"}}, {"customers", {"Globex"}}}}}.dump(), admin,
        {{"If-Match", "\"1\""}});
    ASSERT_EQ(dictionary.status, 200) << dictionary.body;
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
    std::string out;
    for (const auto& row : rows)
      out += row[0].is_null() ? "" : row[0].as<std::string>() + "\n";
    return out;
  }

  int count(const std::string& table) {
    return std::stoi(query_text("SELECT count(*) FROM " + table));
  }

  federation::HttpsResponse post(const std::string& path, const json& body,
                                 const std::string& token, const HeaderPairs& headers = {}) {
    return server->request("POST", path, body.dump(), token, headers);
  }

  std::string create(const json& body = incident()) {
    auto r = post("/api/v1/postmortems", body, member);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"];
  }

  std::string publish(const json& body = incident()) {
    std::string id = create(body);
    EXPECT_EQ(
        post("/api/v1/postmortems/" + id + "/status", {{"status", "in_review"}}, member).status,
        200);
    EXPECT_EQ(
        post("/api/v1/postmortems/" + id + "/status", {{"status", "published"}}, reviewer).status,
        200);
    return id;
  }

  json draft(const std::string& postmortem_id) {
    auto r = post("/api/v1/postmortems/" + postmortem_id + "/lesson", json::object(), reviewer);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  json rule(const std::string& lesson_id, const char* kind, const json& body, int status = 200) {
    auto r = post("/api/v1/lessons/" + lesson_id + "/" + kind, body, reviewer);
    EXPECT_EQ(r.status, status) << body.dump() << " " << r.body;
    return json::parse(r.body);
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string member, reviewer, admin;
};

// The text a path names in a postmortem or lesson document: title, services[0],
// timeline[1].text, tags[0].
std::string text_at(const json& document, const std::string& path) {
  auto open = path.find('[');
  if (open == std::string::npos) return document[path];
  std::string key = path.substr(0, open);
  std::size_t index = std::stoul(path.substr(open + 1));
  const json& item = document[key][index];
  return item.is_string() ? item.get<std::string>() : item["text"].get<std::string>();
}

std::vector<json> findings_in(const json& lesson, const std::string& field) {
  std::vector<json> out;
  for (const auto& f : lesson["findings"])
    if (f["field"] == field) out.push_back(f);
  return out;
}

// The finding whose original text is exactly `text`, in `field`.
json finding_of(const json& lesson, const std::string& field, const std::string& text) {
  std::string original = text_at(lesson["original"], field);
  for (const auto& f : findings_in(lesson, field))
    if (original.substr(f["start"], f["end"].get<std::size_t>() - f["start"].get<std::size_t>()) ==
        text)
      return f;
  return nullptr;
}

json lesson_texts(const json& lesson) {
  json all = lesson["fields"];
  all["tags"] = lesson["tags"];
  return all;
}

TEST_F(LessonTest, DraftAnonymizesEveryFieldWithOneMappingAndStoresNoOriginalText) {
  std::string pm = publish();
  json lesson = draft(pm);
  EXPECT_EQ(lesson["status"], "draft");
  EXPECT_EQ(lesson["postmortem_id"], pm);
  EXPECT_EQ(lesson["source_version"], 3);

  // Every finding slices the original field exactly, and its placeholder is in the output.
  for (const auto& f : lesson["findings"]) {
    std::string field = f["field"];
    std::string original = text_at(lesson["original"], field);
    std::size_t start = f["start"], end = f["end"];
    ASSERT_LT(start, end) << f.dump();
    ASSERT_LE(end, original.size()) << f.dump();
    EXPECT_NE(text_at(lesson_texts(lesson), field).find(f["placeholder"].get<std::string>()),
              std::string::npos)
        << f.dump();
  }
  json email = finding_of(lesson, "summary", kEmail);
  ASSERT_FALSE(email.is_null()) << lesson["findings"].dump();
  EXPECT_EQ(email["type"], "EMAIL");
  EXPECT_EQ(finding_of(lesson, "summary", kIp)["type"], "IP_ADDRESS");
  EXPECT_EQ(finding_of(lesson, "trigger", kToken)["type"], "SECRET");

  // One mapping across fields: the host and the codename keep their placeholder everywhere.
  json host_summary = finding_of(lesson, "summary", kHost);
  json host_timeline = finding_of(lesson, "timeline[0].text", kHost);
  ASSERT_FALSE(host_summary.is_null()) << lesson["findings"].dump();
  ASSERT_FALSE(host_timeline.is_null()) << lesson["findings"].dump();
  EXPECT_EQ(host_summary["placeholder"], host_timeline["placeholder"]);
  json codename_trigger = finding_of(lesson, "trigger", "Nightjar");
  json codename_factor = finding_of(lesson, "contributing_factors[0].text", "Nightjar");
  ASSERT_FALSE(codename_trigger.is_null()) << lesson["findings"].dump();
  EXPECT_EQ(codename_trigger["type"], "ORG");
  EXPECT_EQ(codename_trigger["placeholder"], codename_factor["placeholder"]);
  EXPECT_EQ(finding_of(lesson, "tags[1]", "nightjar")["placeholder"],
            codename_trigger["placeholder"]);

  // The user directory, the org dictionary and the instance's own name are redacted.
  std::string texts = lesson_texts(lesson).dump();
  for (const char* secret : {kEmail, kHost, kIp, kToken, "Zorblax", "Quintavius", "Nightjar",
                             "nightjar", "Globex", "Vandelay", "2026-03-01"})
    EXPECT_EQ(texts.find(secret), std::string::npos) << secret << " in " << texts;

  // Times as offsets from the start; owners as roles.
  const json& fields = lesson["fields"];
  EXPECT_EQ(fields["timeline"][0]["offset"], "PT6M");
  EXPECT_EQ(fields["timeline"][1]["offset"], "PT40M");
  EXPECT_EQ(fields["durations"]["time_to_detect"], "PT6M");
  EXPECT_EQ(fields["durations"]["time_to_resolve"], "PT2H");
  EXPECT_NE(fields["summary"].get<std::string>().find("T+6m"), std::string::npos);
  ASSERT_EQ(lesson["coarsened"].size(), 1u);
  EXPECT_EQ(lesson["coarsened"][0]["field"], "summary");
  EXPECT_EQ(fields["action_items"][0]["owner_role"], "assigned engineer");
  EXPECT_EQ(fields["action_items"][1]["owner_role"], "unassigned");
  EXPECT_FALSE(fields["action_items"][0].contains("owner"));
  EXPECT_EQ(fields["contributing_factors"][0]["category"], "capacity");

  // The stored row holds nothing of the original.
  std::string row = query_text("SELECT row_to_json(l)::text FROM lessons l");
  for (const char* secret : {kEmail, kHost, kIp, kToken, "Zorblax", "Quintavius", "Nightjar",
                             "Globex", "priya", "2026-03-01T10:06"})
    EXPECT_EQ(row.find(secret), std::string::npos) << secret << " stored: " << row;

  std::string metrics = server->get("/metrics").body;
  EXPECT_NE(
      metrics.find("hindsight_anonymizer_findings_total{type=\"SECRET\",source=\"detector\"} 1"),
      std::string::npos)
      << metrics;

  auto again = server->get("/api/v1/lessons/" + lesson["id"].get<std::string>(), reviewer);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.header("etag"), "\"1\"");
  EXPECT_EQ(json::parse(again.body)["findings"], lesson["findings"]);
}

// One pipeline: `hindsight anonymize`, given what a lesson draft gathers (the directory, the
// dictionary, the instance's name, the incident's start), redacts a text exactly as the draft
// does: the same text, findings and coarsened dates and times.
TEST_F(LessonTest, TheCommandLineRedactsATextAsTheDraftDoes) {
  json pm = incident();
  pm["title"] = std::string("Zorblax Quintavius mailed ") + kEmail + " about " + kHost +
                " on March 1 at 10:20 am; Nightjar rolled back 2026-03-01 11:00 UTC, Globex "
                "told yesterday, backups run every Sunday";
  json lesson = draft(publish(pm));

  json context = {{"org_names", {"Vandelay Industries"}},
                  {"incident_start", pm["started_at"]},
                  {"people", json::array()}};
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  for (const auto& row : tx.exec("SELECT display_name, username, COALESCE(email, '') FROM users"))
    context["people"].push_back({{"name", row[0].as<std::string>()},
                                 {"username", row[1].as<std::string>()},
                                 {"email", row[2].as<std::string>()}});
  auto config = std::filesystem::temp_directory_path() / "lesson-cli-dictionary.toml";
  std::ofstream(config) << "[anonymizer]\nterms = [\"Nightjar\"]\ncustomers = [\"Globex\"]\n";
  auto r =
      run_hindsight({"anonymize", "--config", config.string()},
                    json{{"id", "t"}, {"context", context}, {"text", pm["title"]}}.dump() + "\n");
  std::filesystem::remove(config);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json line = json::parse(r.out);

  EXPECT_EQ(line["text"], lesson["fields"]["title"]) << r.out;
  json findings = json::array(), coarsened = json::array();
  for (const auto& f : findings_in(lesson, "title"))
    findings.push_back({{"type", f["type"]}, {"start", f["start"]}, {"end", f["end"]}});
  for (const auto& c : lesson["coarsened"])
    if (c["field"] == "title")
      coarsened.push_back(
          {{"start", c["start"]}, {"end", c["end"]}, {"replacement", c["replacement"]}});
  EXPECT_EQ(line["findings"], findings) << r.out;
  EXPECT_EQ(line["coarsened"], coarsened) << r.out;
  // Both told the dates in words and numbers, and left the recurring phrase.
  EXPECT_EQ(coarsened.size(), 3u) << coarsened.dump();
  std::string title = lesson["fields"]["title"];
  for (const char* gone : {"March 1", "10:20", "2026-03-01", "yesterday", kEmail})
    EXPECT_EQ(title.find(gone), std::string::npos) << gone << " in " << title;
  EXPECT_NE(title.find("every Sunday"), std::string::npos) << title;
}

TEST_F(LessonTest, UnpublishedPostmortemIsAConflictAndNothingIsStored) {
  std::string pm = create();
  auto r = post("/api/v1/postmortems/" + pm + "/lesson", json::object(), reviewer);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "conflict");
  EXPECT_EQ(count("lessons"), 0);
  EXPECT_EQ(
      post("/api/v1/postmortems/00000000-0000-0000-0000-000000000000/lesson", {}, reviewer).status,
      404);
  EXPECT_EQ(post("/api/v1/postmortems/x/lesson", {}, reviewer).status, 404);
  EXPECT_EQ(post("/api/v1/postmortems/" + pm + "/lesson", {}, member).status, 403);
}

TEST_F(LessonTest, RedraftAfterANewVersionKeepsTheLesson) {
  std::string pm = publish();
  json first = draft(pm);
  json changed = incident();
  changed["impact"] = "Globex lost checkout for an hour.";
  auto put = server->request("PUT", "/api/v1/postmortems/" + pm, changed.dump(), reviewer,
                             {{"If-Match", "\"3\""}});
  ASSERT_EQ(put.status, 200) << put.body;
  json second = draft(pm);
  EXPECT_EQ(second["id"], first["id"]);
  EXPECT_EQ(second["source_version"], 4);
  EXPECT_EQ(second["revision"], 2);
  EXPECT_EQ(second["original"]["impact"], "Globex lost checkout for an hour.");
  EXPECT_EQ(count("lessons"), 1);
}

TEST_F(LessonTest, TheNextDraftUsesAChangedDictionary) {
  std::string pm = publish();
  EXPECT_EQ(draft(pm)["fields"]["detection"], "The latency alert.");
  auto dictionary = server->request(
      "PUT", "/api/v1/dictionary",
      json{{"dictionary", {{"terms", {"Nightjar", "latency"}}, {"customers", {"Globex"}}}}}.dump(),
      admin, {{"If-Match", "\"2\""}});
  ASSERT_EQ(dictionary.status, 200) << dictionary.body;
  json redrafted = draft(pm);
  EXPECT_EQ(finding_of(redrafted, "detection", "latency")["type"], "ORG");
  EXPECT_EQ(redrafted["fields"]["detection"].get<std::string>().find("latency"), std::string::npos);
}

TEST_F(LessonTest, ASpanOfAnOlderVersionIsFoundAgainByItsText) {
  std::string pm = publish();
  json lesson = draft(pm);
  std::string impact = lesson["original"]["impact"];
  std::size_t at = impact.find("München");
  rule(lesson["id"], "redactions",
       {{"field", "impact"},
        {"start", at},
        {"end", at + std::string("München").size()},
        {"type", "CUSTOMER"}});
  json changed = incident();
  changed["impact"] = "Kunden in Köln und München waren betroffen.";
  auto put = server->request("PUT", "/api/v1/postmortems/" + pm, changed.dump(), reviewer,
                             {{"If-Match", "\"3\""}});
  ASSERT_EQ(put.status, 200) << put.body;
  json redrafted = draft(pm);
  EXPECT_EQ(redrafted["source_version"], 4);
  json moved = finding_of(redrafted, "impact", "München");
  ASSERT_FALSE(moved.is_null()) << redrafted["findings"].dump();
  EXPECT_EQ(moved["source"], "reviewer");
  EXPECT_EQ(redrafted["fields"]["impact"].get<std::string>().find("München"), std::string::npos);
}

TEST_F(LessonTest, TermAndSpanRedactionsApplyAndCanBeUndone) {
  json lesson = draft(publish());
  std::string id = lesson["id"];
  json termed = rule(id, "redactions", {{"term", "checkout"}, {"type", "CUSTOMER"}});
  EXPECT_EQ(termed["status"], "draft");
  EXPECT_EQ(termed["revision"], 2);
  EXPECT_EQ(termed["fields"]["title"].get<std::string>().find("heckout"), std::string::npos)
      << termed["fields"]["title"];
  json by_rule = finding_of(termed, "services[0]", "checkout");
  ASSERT_FALSE(by_rule.is_null()) << termed["findings"].dump();
  EXPECT_EQ(by_rule["source"], "reviewer");
  EXPECT_EQ(by_rule["type"], "CUSTOMER");
  EXPECT_EQ(finding_of(termed, "title", "Checkout")["placeholder"], by_rule["placeholder"]);

  std::string factor = termed["original"]["contributing_factors"][0]["text"];
  std::size_t at = factor.find("pool");
  json spanned = rule(id, "redactions",
                      {{"field", "contributing_factors[0].text"},
                       {"start", at},
                       {"end", at + 4},
                       {"type", "ACCOUNT_ID"}});
  EXPECT_EQ(spanned["fields"]["contributing_factors"][0]["text"].get<std::string>().find("pool"),
            std::string::npos);
  EXPECT_EQ(finding_of(spanned, "contributing_factors[0].text", "pool")["type"], "ACCOUNT_ID");
  // One span, not a term: the other "pool"s stay.
  EXPECT_NE(spanned["fields"]["resolution"].get<std::string>().find("pool"), std::string::npos);
  ASSERT_EQ(spanned["rules"].size(), 2u);

  std::string rule_id = spanned["rules"][0]["id"];
  auto undone =
      server->request("DELETE", "/api/v1/lessons/" + id + "/rules/" + rule_id, "", reviewer);
  ASSERT_EQ(undone.status, 200) << undone.body;
  json after = json::parse(undone.body);
  EXPECT_EQ(after["fields"]["services"][0], "checkout");
  EXPECT_EQ(after["rules"].size(), 1u);
  EXPECT_EQ(
      server->request("DELETE", "/api/v1/lessons/" + id + "/rules/" + rule_id, "", reviewer).status,
      404);
}

TEST_F(LessonTest, KeepRuleLeavesAFalsePositiveEverywhere) {
  json lesson = draft(publish());
  std::string id = lesson["id"];
  json host = finding_of(lesson, "summary", kHost);
  ASSERT_FALSE(host.is_null());
  json kept =
      rule(id, "keeps", {{"field", "summary"}, {"start", host["start"]}, {"end", host["end"]}});
  EXPECT_NE(kept["fields"]["summary"].get<std::string>().find(kHost), std::string::npos);
  EXPECT_NE(kept["fields"]["timeline"][0]["text"].get<std::string>().find(kHost),
            std::string::npos);
  EXPECT_EQ(kept["rules"][0]["kind"], "keep_term");
  // A hostname does not block approval.
  auto approved = post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer);
  EXPECT_EQ(approved.status, 200) << approved.body;
}

TEST_F(LessonTest, ApprovalRescansTheFinalTextAndRefusesASecretLetThrough) {
  json lesson = draft(publish());
  std::string id = lesson["id"];
  json secret = finding_of(lesson, "trigger", kToken);
  ASSERT_FALSE(secret.is_null()) << lesson["findings"].dump();
  json kept = rule(id, "keeps", {{"term", kToken}});
  ASSERT_NE(kept["fields"]["trigger"].get<std::string>().find(kToken), std::string::npos);

  auto refused = post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer);
  EXPECT_EQ(refused.status, 409);
  json body = json::parse(refused.body);
  EXPECT_EQ(body["error"]["code"], "conflict");
  EXPECT_EQ(body["error"]["field"], "trigger");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("SECRET"), std::string::npos);
  EXPECT_EQ(body["blocking"][0], (json{{"field", "trigger"}, {"type", "SECRET"}}));
  EXPECT_EQ(refused.body.find(kToken), std::string::npos);
  EXPECT_EQ(count("lesson_versions"), 0);

  // Undo the keep; a stale If-Match is refused, the current one approves.
  std::string rule_id = kept["rules"][0]["id"];
  auto undone =
      server->request("DELETE", "/api/v1/lessons/" + id + "/rules/" + rule_id, "", reviewer);
  ASSERT_EQ(undone.status, 200);
  std::string etag = undone.header("etag");
  EXPECT_EQ(
      post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer, {{"If-Match", "\"1\""}})
          .status,
      409);
  auto approved =
      post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer, {{"If-Match", etag}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  json done = json::parse(approved.body);
  EXPECT_EQ(done["status"], "approved");
  EXPECT_EQ(done["published_version"], 1);
  EXPECT_EQ(done["approved_by"], "rita");
  EXPECT_EQ(post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer).status, 409);

  json document = json::parse(query_text("SELECT document::text FROM lesson_versions"));
  EXPECT_EQ(document["id"], "https://lessons.example/lessons/" + id);
  EXPECT_EQ(document["origin"], "https://lessons.example");
  EXPECT_EQ(document["version"], 1);
  EXPECT_EQ(document["retracted"], false);
  EXPECT_EQ(document["severity"], "SEV2");
  EXPECT_EQ(document["fields"], done["fields"]);
  EXPECT_EQ(document["tags"], done["tags"]);
  EXPECT_EQ(document["fields"]["timeline"][0]["offset"], "PT6M");
  EXPECT_EQ(query_text("SELECT document::text FROM lesson_versions").find(kToken),
            std::string::npos);
  auto audit = json::parse(server->get("/api/v1/audit?action=lesson.approve", admin).body);
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["actor"], "rita");
}

// One secret of each class, each in its own action item: a password in a URL, values of keys
// naming a secret (.env, JSON, connection string, Terraform default), a provider token and a
// key handed over in a sentence.
struct SecretCase {
  std::string sentence;
  std::string secret;
};
const std::vector<SecretCase>& secret_cases() {
  static const std::vector<SecretCase> cases = {
      {"Restore used redis://:p\"}a&.-@cache-01.corp.internal:6379/0 again", "p\"}a&.-"},
      {"The .env held DB_PASSWORD=Pebble42!x at the time", "Pebble42!x"},
      {"The dump showed {\"apiKey\": \"Rt7#kq Lm2x\"} in the log", "Rt7#kq Lm2x"},
      {"Server=tcp:sql01;User ID=app;Password=p@ss=w0rd;Encrypt=true was pasted", "p@ss=w0rd"},
      {"variable \"datadog_api_key\" {\n  default = \"k3y-V4lue!\"\n}", "k3y-V4lue!"},
      {"The vault token dp.pt.jo8tlkSMwG3yZZyLQdVI4I5c32ssYaj9tLXQNRdk24s was in chat",
       "dp.pt.jo8tlkSMwG3yZZyLQdVI4I5c32ssYaj9tLXQNRdk24s"},
      {"The signing key? it's e4f63dd3987c06e007865946898e5bfd36c69303",
       "e4f63dd3987c06e007865946898e5bfd36c69303"},
  };
  return cases;
}

TEST_F(LessonTest, ApprovalRefusesEveryClassOfSecretKeptInTheText) {
  json body = incident();
  body["action_items"] = json::array();
  for (const auto& c : secret_cases())
    body["action_items"].push_back({{"text", c.sentence}});
  json lesson = draft(publish(body));
  std::string id = lesson["id"];
  for (std::size_t i = 0; i < secret_cases().size(); ++i) {
    std::string field = "action_items[" + std::to_string(i) + "].text";
    const auto& secret = secret_cases()[i].secret;
    json found = finding_of(lesson, field, secret);
    ASSERT_FALSE(found.is_null()) << field << ": " << findings_in(lesson, field).size();
    EXPECT_EQ(found["type"], "SECRET") << field;
    EXPECT_EQ(text_at(lesson["fields"], field).find(secret), std::string::npos) << field;
    // The reviewer keeps it: the draft then holds it, and only the re-scan stands in the way.
    json kept = rule(id, "keeps", {{"term", secret}});
    ASSERT_NE(text_at(kept["fields"], field).find(secret), std::string::npos) << field;
  }

  auto refused = post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer);
  EXPECT_EQ(refused.status, 409);
  json blocking = json::parse(refused.body)["blocking"];
  for (std::size_t i = 0; i < secret_cases().size(); ++i) {
    json expected = {{"field", "action_items[" + std::to_string(i) + "].text"}, {"type", "SECRET"}};
    EXPECT_NE(std::find(blocking.begin(), blocking.end(), expected), blocking.end())
        << expected.dump() << " not in " << blocking.dump();
    EXPECT_EQ(refused.body.find(secret_cases()[i].secret), std::string::npos);
  }
  EXPECT_EQ(count("lesson_versions"), 0);
}

TEST_F(LessonTest, RetractionIsANewVersionWithoutFields) {
  json lesson = draft(publish());
  std::string id = lesson["id"];
  auto early = post("/api/v1/lessons/" + id + "/retract", json::object(), reviewer);
  EXPECT_EQ(early.status, 409);
  ASSERT_EQ(post("/api/v1/lessons/" + id + "/approve", json::object(), reviewer).status, 200);
  auto retracted = post("/api/v1/lessons/" + id + "/retract", json::object(), reviewer);
  ASSERT_EQ(retracted.status, 200) << retracted.body;
  EXPECT_EQ(json::parse(retracted.body)["status"], "retracted");
  EXPECT_EQ(json::parse(retracted.body)["published_version"], 2);
  json document =
      json::parse(query_text("SELECT document::text FROM lesson_versions WHERE version = 2"));
  EXPECT_EQ(document["retracted"], true);
  EXPECT_FALSE(document.contains("fields"));
  EXPECT_EQ(document["version"], 2);
  EXPECT_EQ(post("/api/v1/lessons/" + id + "/retract", json::object(), reviewer).status, 409);
  EXPECT_EQ(count("lesson_versions"), 2);
}

TEST_F(LessonTest, BadRuleInputIsRefusedByFieldAndNothingIsStored) {
  json lesson = draft(publish());
  std::string id = lesson["id"];
  std::string impact = lesson["original"]["impact"];
  std::size_t umlaut = impact.find("ü");
  struct Case {
    const char* kind;
    json body;
    const char* field;
  };
  const Case cases[] = {
      {"redactions", json::object(), "term"},
      {"redactions", {{"term", "Globex"}}, "type"},
      {"redactions", {{"term", "Globex"}, {"type", "PLANET"}}, "type"},
      {"redactions", {{"term", "   "}, {"type", "ORG"}}, "term"},
      {"redactions", {{"term", 7}, {"type", "ORG"}}, "term"},
      {"redactions", {{"term", "Globex"}, {"type", "ORG"}, {"colour", "red"}}, "colour"},
      {"redactions",
       {{"term", "x"}, {"field", "summary"}, {"start", 0}, {"end", 1}, {"type", "ORG"}},
       "term"},
      {"redactions", {{"field", "summary"}, {"end", 3}, {"type", "ORG"}}, "start"},
      {"redactions", {{"field", "summary"}, {"start", -1}, {"end", 3}, {"type", "ORG"}}, "start"},
      {"redactions", {{"field", "summary"}, {"start", 1.5}, {"end", 3}, {"type", "ORG"}}, "start"},
      {"redactions", {{"field", "summary"}, {"start", 5}, {"end", 5}, {"type", "ORG"}}, "end"},
      {"redactions", {{"field", "nowhere"}, {"start", 0}, {"end", 3}, {"type", "ORG"}}, "field"},
      {"redactions",
       {{"field", "timeline[9].text"}, {"start", 0}, {"end", 3}, {"type", "ORG"}},
       "field"},
      {"redactions", {{"field", "summary"}, {"start", 0}, {"end", 100000}, {"type", "ORG"}}, "end"},
      {"redactions",
       {{"field", "impact"}, {"start", umlaut + 1}, {"end", umlaut + 4}, {"type", "ORG"}},
       "start"},
      {"keeps", {{"term", "Globex"}, {"type", "ORG"}}, "type"},
      {"keeps", json::object(), "term"},
      {"keeps", {{"field", "impact"}, {"start", 0}, {"end", umlaut + 1}}, "end"},
  };
  for (const auto& c : cases) {
    auto r = post("/api/v1/lessons/" + id + "/" + c.kind, c.body, reviewer);
    EXPECT_EQ(r.status, 400) << c.kind << " " << c.body.dump() << " " << r.body;
    auto error = json::parse(r.body)["error"];
    EXPECT_EQ(error["code"], "validation_failed") << r.body;
    EXPECT_EQ(error["field"], c.field) << c.kind << " " << c.body.dump() << " " << r.body;
  }
  auto not_json =
      server->request("POST", "/api/v1/lessons/" + id + "/redactions", "{oops", reviewer);
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(json::parse(not_json.body)["error"]["code"], "invalid_json");

  const std::string unknown = "/api/v1/lessons/00000000-0000-0000-0000-000000000000";
  EXPECT_EQ(post(unknown + "/redactions", {{"term", "a"}, {"type", "ORG"}}, reviewer).status, 404);
  EXPECT_EQ(post(unknown + "/keeps", {{"term", "a"}}, reviewer).status, 404);
  EXPECT_EQ(post(unknown + "/approve", json::object(), reviewer).status, 404);
  EXPECT_EQ(post(unknown + "/retract", json::object(), reviewer).status, 404);
  EXPECT_EQ(server->get(unknown, reviewer).status, 404);
  EXPECT_EQ(server->get("/api/v1/lessons/nope", reviewer).status, 404);
  EXPECT_EQ(server->request("DELETE", "/api/v1/lessons/" + id + "/rules/nope", "", reviewer).status,
            404);
  EXPECT_EQ(server->get("/api/v1/lessons?status=lost", reviewer).status, 400);
  EXPECT_EQ(server->get("/api/v1/lessons?cursor=zzz", reviewer).status, 400);

  EXPECT_EQ(count("lesson_rules"), 0);
  EXPECT_EQ(json::parse(server->get("/api/v1/lessons/" + id, reviewer).body)["revision"], 1);
}

TEST_F(LessonTest, ListPagesNewestFirst) {
  json a = draft(publish());
  json b = draft(publish());
  auto first = server->get("/api/v1/lessons?limit=1", reviewer);
  ASSERT_EQ(first.status, 200) << first.body;
  json page = json::parse(first.body);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["id"], b["id"]);
  EXPECT_EQ(page["items"][0]["status"], "draft");
  EXPECT_EQ(page["items"][0]["title"], b["fields"]["title"]);
  ASSERT_TRUE(page["next_cursor"].is_string());
  json rest = json::parse(
      server
          ->get("/api/v1/lessons?limit=1&cursor=" + page["next_cursor"].get<std::string>(),
                reviewer)
          .body);
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["id"], a["id"]);
  json approved = json::parse(server->get("/api/v1/lessons?status=approved", reviewer).body);
  EXPECT_EQ(approved["items"], json::array());
  EXPECT_TRUE(approved["next_cursor"].is_null());
}

}  // namespace
}  // namespace hindsight::test
