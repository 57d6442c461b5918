// The peer feed through the API, over received lessons seeded as the inbox stores them (signed
// documents and their fields): search, filters, paging, what is never listed, the lesson view,
// local notes and action items, hiding, and the audit log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>

#include "common/crypto/ed25519.hpp"
#include "common/db/ranked_search.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

constexpr const char* kAlpha = "https://alpha.example";
constexpr const char* kBeta = "https://beta.example:8443";
constexpr const char* kBlocked = "https://blocked.example";

// A received lesson as a peer would send it; each test changes what it is about.
struct Seed {
  std::string origin = kAlpha;
  std::string title = "Replica lag after failover";
  std::string summary = "Reads went stale for twelve minutes.";
  std::vector<std::string> tags = {"database"};
  std::string severity = "SEV2";
  std::string published_at = "2026-11-01T10:00:00Z";
  std::vector<federation::ContributingFactor> factors = {{"process_gap", "no failover runbook"}};
  std::string timeline_text = "replication alert fired";
  std::string action_text = "write the failover runbook";
  std::string went_poorly = "slow rebuild of the replica";
  int received_second = 0;  // seconds after 2026-12-01T00:00:00Z it arrived
};

std::string encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class Feed : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    mia = server->create_user_with_token("mia", "member");
    rex = server->create_user_with_token("rex", "reviewer");
    sql("INSERT INTO federation_peers (origin, name) VALUES ($1, 'Alpha Corp'), ($2, 'Beta Ltd'), "
        "($3, 'Blocked Inc')",
        kAlpha, kBeta, kBlocked);
    sql("UPDATE federation_peers SET blocked_at = now() WHERE origin = $1", kBlocked);
  }

  template <typename... Args>
  pqxx::result sql(const std::string& text, Args&&... args) {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    auto result = tx.exec_params(text, std::forward<Args>(args)...);
    tx.commit();
    return result;
  }

  json call(const std::string& method, const std::string& path, const json& body, int expected,
            const std::string& token = {}) {
    auto r = server->request(method, path, body.is_null() ? "" : body.dump(),
                             token.empty() ? mia : token);
    EXPECT_EQ(r.status, expected) << method << " " << path << " " << r.body;
    return json::parse(r.body);
  }
  json get(const std::string& path, int expected = 200, const std::string& token = {}) {
    return call("GET", path, nullptr, expected, token);
  }
  std::string error_field(const std::string& path) {
    return get(path, 400)["error"].value("field", "");
  }

  federation::LessonFields fields_of(const Seed& s) {
    federation::LessonFields f;
    f.title = s.title;
    f.services = {"orders-db"};
    f.summary = s.summary;
    f.impact = "Customers saw stale order status.";
    f.timeline = {{"PT6M", s.timeline_text}, {std::nullopt, "on-call engineer paged"}};
    f.trigger = "planned failover of the primary";
    f.contributing_factors = s.factors;
    f.detection = "replication lag alert";
    f.resolution = "rebuilt the replica from a snapshot";
    f.went_well = "the alert fired within minutes";
    f.went_poorly = s.went_poorly;
    f.lucky = "low traffic at the time";
    f.action_items = {{s.action_text, "assigned engineer", "open"}};
    f.lessons_learned = "rehearse failovers";
    f.durations = federation::LessonDurations{"PT6M", "PT40M", "PT2H"};
    return f;
  }

  // Stores the lesson as the inbox does: the signed document, its fields, its listing columns.
  std::string seed(const Seed& s) {
    auto lesson =
        federation::make_lesson_document(s.origin, "l" + std::to_string(++lessons), 1,
                                         s.published_at, s.tags, s.severity, fields_of(s));
    json document = federation::sign_lesson_document(federation::to_json(lesson),
                                                     s.origin + "/.well-known/hindsight#k1", key);
    return sql(R"(
INSERT INTO received_lessons (origin, lesson_uri, version, retracted, published_at, severity, tags,
                              title, summary, fields, document, received_via, received_at, updated_at)
SELECT $1, $2, 1, false, $3::timestamptz, $4::severity,
       ARRAY(SELECT jsonb_array_elements_text($5::jsonb)), $6, $7, $8::jsonb, $9::jsonb, 'push',
       t, t
FROM (SELECT '2026-12-01T00:00:00Z'::timestamptz + make_interval(secs => $10) AS t) arrival
RETURNING id::text)",
               lesson.origin, lesson.id, lesson.published_at, lesson.severity,
               json(lesson.tags).dump(), s.title, s.summary,
               federation::to_json(*lesson.fields).dump(), document.dump(), s.received_second)[0][0]
        .as<std::string>();
  }

  std::vector<std::string> ids(const json& page) {
    std::vector<std::string> out;
    for (const auto& item : page["items"])
      out.push_back(item["id"]);
    return out;
  }

  // Every page of `path` (which has a query string), `limit` at a time; `between` runs before
  // each page after the first.
  std::vector<std::string> all_pages(const std::string& path, int limit,
                                     const std::function<void()>& between = {}) {
    std::vector<std::string> out;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      if (page > 0 && between) between();
      auto answer = get(path + "&limit=" + std::to_string(limit) +
                        (cursor.empty() ? "" : "&cursor=" + encoded(cursor)));
      EXPECT_LE(answer["items"].size(), static_cast<std::size_t>(limit));
      for (const auto& id : ids(answer))
        out.push_back(id);
      if (answer["next_cursor"].is_null()) break;
      cursor = answer["next_cursor"];
    }
    return out;
  }

  std::vector<std::string> audit_actions(const std::string& target_id) {
    std::vector<std::string> out;
    for (const auto& row : sql("SELECT action || ' by ' || actor FROM audit_log "
                               "WHERE target_id = $1 ORDER BY id",
                               target_id))
      out.push_back(row[0].as<std::string>());
    return out;
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string mia, rex;
  common::crypto::Ed25519PrivateKey key = common::crypto::Ed25519PrivateKey::generate();
  int lessons = 0;
};

TEST_F(Feed, ListsNewestReceivedFirstWithTheContractFields) {
  std::string first = seed({.title = "First", .received_second = 10});
  std::string second = seed({.origin = kBeta, .title = "Second", .received_second = 20});
  auto page = get("/api/v1/feed");
  EXPECT_EQ(ids(page), (std::vector<std::string>{second, first}));
  EXPECT_TRUE(page["next_cursor"].is_null());
  const json& item = page["items"][1];
  EXPECT_EQ(item["id"], first);
  EXPECT_EQ(item["origin"], kAlpha);
  EXPECT_EQ(item["peer_name"], "Alpha Corp");
  EXPECT_EQ(item["title"], "First");
  EXPECT_EQ(item["summary"], "Reads went stale for twelve minutes.");
  EXPECT_EQ(item["tags"], json::array({"database"}));
  EXPECT_EQ(item["severity"], "SEV2");
  EXPECT_EQ(item["published_at"], "2026-11-01T10:00:00Z");
  EXPECT_EQ(item["received_at"], "2026-12-01T00:00:10Z");
  EXPECT_EQ(item["updated_at"], "2026-12-01T00:00:10Z");
  EXPECT_EQ(item["version"], 1);
  EXPECT_EQ(item["retracted"], false);
  EXPECT_EQ(item["hidden"], false);
  EXPECT_EQ(page["items"][0]["peer_name"], "Beta Ltd");
}

TEST_F(Feed, TombstonesBlockedPeersAndHiddenLessonsAreNotListed) {
  std::string shown = seed({.title = "Shown"});
  std::string retracted = seed({.title = "Retracted"});
  std::string withdrawn = seed({.title = "Withdrawn"});
  std::string blocked = seed({.origin = kBlocked, .title = "From a blocked peer"});
  std::string hidden = seed({.title = "Hidden"});
  // A retraction keeps its signed tombstone without fields; a withdrawal keeps only the identity.
  sql("UPDATE received_lessons SET retracted = true, version = 2, fields = NULL WHERE id = $1",
      retracted);
  sql("UPDATE received_lessons SET fields = NULL, document = NULL, withdrawn_at = now() "
      "WHERE id = $1",
      withdrawn);
  sql("UPDATE received_lessons SET hidden_at = now() WHERE id = $1", hidden);

  EXPECT_EQ(ids(get("/api/v1/feed")), std::vector<std::string>{shown});
  EXPECT_EQ(ids(get("/api/v1/feed?q=replica")), std::vector<std::string>{shown});
  EXPECT_EQ(ids(get("/api/v1/feed", 200, rex)), std::vector<std::string>{shown});
  EXPECT_EQ(ids(get("/api/v1/feed?hidden=true", 200, rex)), std::vector<std::string>{hidden});
  EXPECT_EQ(ids(get("/api/v1/feed?hidden=true&q=hidden", 200, rex)),
            std::vector<std::string>{hidden});
  EXPECT_EQ(ids(get("/api/v1/feed?hidden=false", 200, rex)), std::vector<std::string>{shown});
  EXPECT_EQ(get("/api/v1/feed?hidden=true", 403)["error"]["code"], "forbidden");

  for (const auto& id : {retracted, withdrawn, blocked, hidden})
    EXPECT_EQ(get("/api/v1/feed/" + id, 404)["error"]["code"], "not_found") << id;
  for (const auto& id : {retracted, withdrawn, blocked})
    get("/api/v1/feed/" + id, 404, rex);
  EXPECT_EQ(get("/api/v1/feed/" + hidden, 200, rex)["hidden"], true);
  get("/api/v1/feed/00000000-0000-0000-0000-000000000000", 404);
  get("/api/v1/feed/not-a-uuid", 404);

  // Blocking hides every lesson of the peer; unblocking shows them again.
  sql("UPDATE federation_peers SET blocked_at = now() WHERE origin = $1", kAlpha);
  EXPECT_TRUE(get("/api/v1/feed")["items"].empty());
  sql("UPDATE federation_peers SET blocked_at = NULL WHERE origin = $1", kAlpha);
  EXPECT_EQ(ids(get("/api/v1/feed")), std::vector<std::string>{shown});
}

TEST_F(Feed, PeersToFilterByAreThoseWithListedLessonsByName) {
  // No lessons yet: no peer to pick, though three are known.
  EXPECT_EQ(get("/api/v1/feed/peers"), (json{{"items", json::array()}, {"next_cursor", nullptr}}));

  seed({.origin = kBeta, .title = "From Beta"});
  std::string alpha_hidden = seed({.origin = kAlpha, .title = "Hidden from Alpha"});
  seed({.origin = kBlocked, .title = "From a blocked peer"});
  sql("UPDATE received_lessons SET hidden_at = now() WHERE id = $1", alpha_hidden);
  // A peer whose discovery was never read has no name and comes after those with one.
  const std::string unnamed = "https://aardvark.example";
  sql("INSERT INTO federation_peers (origin) VALUES ($1)", unnamed);
  seed({.origin = unnamed, .title = "From a peer without a name"});

  auto origins = [](const json& body) {
    std::vector<std::string> out;
    for (const auto& item : body["items"])
      out.push_back(item["origin"]);
    return out;
  };
  json peers = get("/api/v1/feed/peers");
  EXPECT_EQ(origins(peers), (std::vector<std::string>{kBeta, unnamed}));
  EXPECT_EQ(peers["items"][0]["name"], "Beta Ltd");
  EXPECT_TRUE(peers["items"][1]["name"].is_null());

  // A lesson shown again brings its peer back; the list is the same for every role.
  sql("UPDATE received_lessons SET hidden_at = NULL WHERE id = $1", alpha_hidden);
  EXPECT_EQ(origins(get("/api/v1/feed/peers", 200, rex)),
            (std::vector<std::string>{kAlpha, kBeta, unnamed}));
  // Each one filters the feed.
  for (const auto& origin : origins(get("/api/v1/feed/peers")))
    EXPECT_EQ(get("/api/v1/feed?peer=" + origin)["items"].size(), 1u) << origin;
}

TEST_F(Feed, EveryFilterNarrowsTheFeed) {
  std::string a = seed({.tags = {"database", "failover"},
                        .severity = "SEV1",
                        .published_at = "2026-10-01T00:00:00Z",
                        .factors = {{"change", "config push"}, {"capacity", "small pool"}},
                        .received_second = 1});
  std::string b = seed({.origin = kBeta,
                        .tags = {"dns"},
                        .severity = "SEV3",
                        .published_at = "2026-10-15T12:00:00Z",
                        .factors = {{"dependency", "resolver outage"}},
                        .received_second = 2});
  std::string c = seed({.tags = {"dns", "database"},
                        .severity = "SEV3",
                        .published_at = "2026-11-20T00:00:00Z",
                        .factors = {},
                        .received_second = 3});
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids(get("/api/v1/feed?tag=database")), (Ids{c, a}));
  EXPECT_EQ(ids(get("/api/v1/feed?tag=dns")), (Ids{c, b}));
  EXPECT_TRUE(get("/api/v1/feed?tag=Database")["items"].empty());
  // The peer's origin is compared in normal form.
  EXPECT_EQ(ids(get("/api/v1/feed?peer=" + encoded("https://BETA.example:8443/"))), (Ids{b}));
  EXPECT_EQ(ids(get("/api/v1/feed?peer=" + encoded("https://alpha.example:443"))), (Ids{c, a}));
  EXPECT_TRUE(get("/api/v1/feed?peer=" + encoded("https://gamma.example"))["items"].empty());
  EXPECT_EQ(ids(get("/api/v1/feed?severity=SEV3")), (Ids{c, b}));
  EXPECT_EQ(ids(get("/api/v1/feed?factor=capacity")), (Ids{a}));
  EXPECT_EQ(ids(get("/api/v1/feed?factor=dependency")), (Ids{b}));
  EXPECT_TRUE(get("/api/v1/feed?factor=security")["items"].empty());
  // since is inclusive, until exclusive; any offset.
  EXPECT_EQ(ids(get("/api/v1/feed?since=" + encoded("2026-10-15T12:00:00Z"))), (Ids{c, b}));
  EXPECT_EQ(ids(get("/api/v1/feed?until=" + encoded("2026-10-15T14:00:00+02:00"))), (Ids{a}));
  EXPECT_EQ(ids(get("/api/v1/feed?since=2026-10-02T00:00:00Z&until=2026-11-01T00:00:00Z")),
            (Ids{b}));
  EXPECT_EQ(ids(get("/api/v1/feed?tag=dns&severity=SEV3&peer=" + encoded(kAlpha))), (Ids{c}));
  EXPECT_EQ(ids(get("/api/v1/feed?q=replica&tag=failover&factor=change")), (Ids{a}));
}

TEST_F(Feed, BadParametersAre400NamingTheParameter) {
  EXPECT_EQ(error_field("/api/v1/feed?peer=" + encoded("http://alpha.example")), "peer");
  EXPECT_EQ(error_field("/api/v1/feed?peer=" + encoded("https://alpha.example/lessons")), "peer");
  EXPECT_EQ(error_field("/api/v1/feed?peer=alpha.example"), "peer");
  EXPECT_EQ(error_field("/api/v1/feed?peer=" + encoded("https://alpha.example:99999")), "peer");
  EXPECT_EQ(error_field("/api/v1/feed?severity=SEV9"), "severity");
  EXPECT_EQ(error_field("/api/v1/feed?factor=process"), "factor");
  EXPECT_EQ(error_field("/api/v1/feed?since=yesterday"), "since");
  EXPECT_EQ(error_field("/api/v1/feed?until=2026-02-30T00:00:00Z"), "until");
  EXPECT_EQ(error_field("/api/v1/feed?hidden=yes"), "hidden");
  EXPECT_EQ(error_field("/api/v1/feed?limit=0"), "limit");
  EXPECT_EQ(error_field("/api/v1/feed?limit=101"), "limit");
  EXPECT_EQ(error_field("/api/v1/feed?cursor=garbage"), "cursor");
  EXPECT_EQ(error_field("/api/v1/feed?q=" + std::string(501, 'x')), "q");
  EXPECT_EQ(error_field("/api/v1/feed?tag=a%00b"), "tag");
  EXPECT_EQ(error_field("/api/v1/feed?q=%FF"), "q");
  // A cursor of one order is refused in the other.
  for (int i = 0; i < 3; ++i)
    seed({.received_second = i});
  std::string newest_first = get("/api/v1/feed?limit=1")["next_cursor"];
  std::string ranked = get("/api/v1/feed?q=replica&limit=1")["next_cursor"];
  EXPECT_EQ(error_field("/api/v1/feed?q=replica&cursor=" + encoded(newest_first)), "cursor");
  EXPECT_EQ(error_field("/api/v1/feed?cursor=" + encoded(ranked)), "cursor");
}

TEST_F(Feed, SearchRanksTitleMatchesFirstAndReadsEveryPart) {
  std::string in_title = seed({.title = "Certificate expiry took down checkout",
                               .summary = "An expired certificate stopped checkout.",
                               .received_second = 1});
  std::string in_body = seed({.title = "Checkout errors",
                              .summary = "Payments failed.",
                              .went_poorly = "nobody watched certificate dates",
                              .received_second = 2});
  std::string other = seed({.title = "Queue backlog",
                            .factors = {{"capacity", "consumer pool too small"}},
                            .timeline_text = "dead letter queue grew",
                            .action_text = "autoscale the consumers",
                            .received_second = 3});
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids(get("/api/v1/feed?q=certificate")), (Ids{in_title, in_body}));
  EXPECT_EQ(ids(get("/api/v1/feed?q=certificates")), (Ids{in_title, in_body}));  // stemmed
  EXPECT_EQ(ids(get("/api/v1/feed?q=" + encoded("checkout -expiry"))), (Ids{in_body}));
  EXPECT_EQ(ids(get("/api/v1/feed?q=" + encoded("\"certificate expiry\""))), (Ids{in_title}));
  // Title (A) above summary (B).
  EXPECT_EQ(ids(get("/api/v1/feed?q=" + encoded("backlog or payments"))), (Ids{other, in_body}));
  // Contributing factors, timeline and action items are searched too.
  EXPECT_EQ(ids(get("/api/v1/feed?q=consumer")), (Ids{other}));
  EXPECT_EQ(ids(get("/api/v1/feed?q=letter")), (Ids{other}));
  EXPECT_EQ(ids(get("/api/v1/feed?q=autoscale")), (Ids{other}));
  EXPECT_TRUE(get("/api/v1/feed?q=kubernetes")["items"].empty());

  // A new version re-indexes the lesson; a withdrawal clears it from search.
  sql("UPDATE received_lessons SET version = 2, title = 'Kafka backlog', "
      "fields = jsonb_set(fields, '{title}', '\"Kafka backlog\"') WHERE id = $1",
      other);
  EXPECT_EQ(ids(get("/api/v1/feed?q=kafka")), (Ids{other}));
  EXPECT_EQ(ids(get("/api/v1/feed?q=" + encoded("queue backlog"))), (Ids{other}));
  sql("UPDATE received_lessons SET fields = NULL, document = NULL, withdrawn_at = now() "
      "WHERE id = $1",
      other);
  EXPECT_TRUE(get("/api/v1/feed?q=kafka")["items"].empty());
  EXPECT_EQ(
      sql("SELECT search_vector = ''::tsvector FROM received_lessons WHERE id = $1", other)[0][0]
          .as<bool>(),
      true);
}

TEST_F(Feed, NewestFirstPagesNeitherRepeatNorSkipWhileLessonsArrive) {
  std::vector<std::string> seeded;
  for (int i = 0; i < 23; ++i)
    seeded.push_back(seed({.title = "Lesson " + std::to_string(i), .received_second = i}));
  // Two lessons at the same instant: the id breaks the tie.
  seeded.push_back(seed({.title = "Twin", .received_second = 30}));
  seeded.push_back(seed({.title = "Twin", .received_second = 30}));
  auto expected = all_pages("/api/v1/feed?tag=database", 100);
  ASSERT_EQ(expected.size(), seeded.size());
  EXPECT_EQ(std::set<std::string>(expected.begin(), expected.end()),
            std::set<std::string>(seeded.begin(), seeded.end()));
  int arriving = 0;
  auto paged = all_pages("/api/v1/feed?tag=database", 4, [&] {
    seed({.title = "Arrived while paging", .received_second = 1000 + arriving++});
  });
  EXPECT_EQ(paged, expected);
}

TEST_F(Feed, RankedPagesKeepTheirCandidatesWhileLessonsArrive) {
  for (int i = 0; i < 9; ++i)
    seed({.title = i % 3 == 0 ? "Disk full on the primary" : "Backup job stalled",
          .summary = i % 2 == 0 ? "The disk filled with logs." : "Writes stopped.",
          .received_second = i});
  seed({.title = "Unrelated", .went_poorly = "nothing", .received_second = 20});
  auto expected = all_pages("/api/v1/feed?q=disk", 100);
  ASSERT_EQ(expected.size(), 6u);  // the title matches and the summary matches
  int arriving = 0;
  auto paged = all_pages("/api/v1/feed?q=disk", 2, [&] {
    seed({.title = "Disk full again", .received_second = 1000 + arriving++});
  });
  EXPECT_EQ(paged, expected);
  // A new search sees the new lessons, ranked first (the word is in their titles).
  auto fresh = all_pages("/api/v1/feed?q=disk", 100);
  EXPECT_EQ(fresh.size(), expected.size() + arriving);
}

TEST_F(Feed, RankedSearchFindsTheBestMatchBeyondTheNewest) {
  // The strongest match arrived first; then more lessons mention the word, only in their
  // narrative, than the newest matches a search ranks.
  std::string oldest =
      seed({.title = "Thundering herd", .summary = "A thundering herd of retries.", .tags = {"x"}});
  json fields = federation::to_json(fields_of({.title = "Retry storm"}));
  // The feed never reads the signed document: these rows keep an empty one.
  fields["lucky"] = "no thundering herd this time";
  sql(R"(
INSERT INTO received_lessons (origin, lesson_uri, version, retracted, published_at, severity, title,
                              summary, fields, document, received_via, received_at)
SELECT $1, $1 || '/lessons/bulk' || i, 1, false, '2026-11-01T00:00:00Z', 'SEV4', 'Retry storm',
       'Clients retried too fast.', $2::jsonb, '{}'::jsonb, 'pull',
       '2026-12-02T00:00:00Z'::timestamptz + make_interval(secs => i)
FROM generate_series(1, $3) i)",
      kBeta, fields.dump(), common::db::kNewestCandidates + 10);
  // Its title and summary hold the word: it outranks every newer match.
  auto page = get("/api/v1/feed?q=thundering&limit=100");
  ASSERT_EQ(page["items"].size(), 100u);
  EXPECT_EQ(page["items"][0]["id"], oldest);
  EXPECT_EQ(page["items"][1]["title"], "Retry storm");
  std::set<std::string> seen;
  for (const auto& item : page["items"])
    seen.insert(item["id"].get<std::string>());
  while (!page["next_cursor"].is_null()) {
    page = get("/api/v1/feed?q=thundering&limit=100&cursor=" +
               encoded(page["next_cursor"].get<std::string>()));
    for (const auto& item : page["items"])
      EXPECT_TRUE(seen.insert(item["id"].get<std::string>()).second) << "repeated";
  }
  // The newest matches and the best one: the ten oldest narrative matches are not candidates.
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(common::db::kNewestCandidates) + 1);
  EXPECT_EQ(ids(get("/api/v1/feed?q=thundering&tag=x")), std::vector<std::string>{oldest});
  EXPECT_EQ(ids(get("/api/v1/feed?q=thundering&peer=" + encoded(kAlpha))),
            std::vector<std::string>{oldest});
  // The words of the lessons' titles are kept, those of one statement's rows as well; a new
  // title replaces them.
  auto terms = [&](const std::string& lexeme) {
    return sql("SELECT count(*) FROM received_lesson_terms WHERE lexeme = $1", lexeme)[0][0]
        .as<int>();
  };
  EXPECT_EQ(terms("thunder"), 1);
  EXPECT_EQ(terms("herd"), 1);
  EXPECT_EQ(terms("storm"), common::db::kNewestCandidates + 10);
  EXPECT_EQ(terms("retri"), common::db::kNewestCandidates + 10);
  sql("UPDATE received_lessons SET title = 'Calm seas' WHERE id = $1::uuid", oldest);
  EXPECT_EQ(terms("thunder"), 0);
  EXPECT_EQ(terms("calm"), 1);
  EXPECT_EQ(terms("storm"), common::db::kNewestCandidates + 10);
  // Lessons deleted by hand take their words along.
  sql("DELETE FROM received_lessons WHERE title = 'Retry storm'");
  EXPECT_EQ(terms("storm"), 0);
  EXPECT_EQ(terms("retri"), 0);
  EXPECT_EQ(terms("calm"), 1);
}

TEST_F(Feed, TheLessonViewHoldsItsFieldsNotesAndActionItems) {
  std::string id = seed({.tags = {"database", "failover"}, .received_second = 5});
  auto lesson = get("/api/v1/feed/" + id);
  EXPECT_EQ(lesson["id"], id);
  EXPECT_EQ(lesson["origin"], kAlpha);
  EXPECT_EQ(lesson["peer_name"], "Alpha Corp");
  EXPECT_EQ(lesson["lesson_uri"], std::string(kAlpha) + "/lessons/l1");
  EXPECT_EQ(lesson["version"], 1);
  EXPECT_EQ(lesson["severity"], "SEV2");
  EXPECT_EQ(lesson["tags"], json::array({"database", "failover"}));
  EXPECT_EQ(lesson["published_at"], "2026-11-01T10:00:00Z");
  EXPECT_EQ(lesson["received_at"], "2026-12-01T00:00:05Z");
  EXPECT_EQ(lesson["received_via"], "push");
  EXPECT_EQ(lesson["hidden"], false);
  EXPECT_TRUE(lesson["hidden_at"].is_null());
  EXPECT_EQ(lesson["fields"], federation::to_json(fields_of({.tags = {"database", "failover"}})));
  EXPECT_EQ(lesson["fields"]["timeline"][0]["offset"], "PT6M");
  EXPECT_EQ(lesson["fields"]["durations"]["time_to_resolve"], "PT2H");
  EXPECT_EQ(lesson["notes"], json::array());
  EXPECT_EQ(lesson["action_items"], json::array());

  auto note = call("POST", "/api/v1/feed/" + id + "/notes",
                   {{"text", "We fail over the same way; check our runbook."}}, 201);
  EXPECT_EQ(note["author"], "mia");
  EXPECT_TRUE(note["created_at"].is_string());
  call("POST", "/api/v1/feed/" + id + "/notes", {{"text", "Runbook is current."}}, 201, rex);

  auto item = call(
      "POST", "/api/v1/feed/" + id + "/action-items",
      {{"text", "Rehearse a failover of orders-db"}, {"owner", "rex"}, {"due", "2000-01-31"}}, 201);
  EXPECT_EQ(item["owner"], "rex");
  EXPECT_EQ(item["due"], "2000-01-31");
  EXPECT_EQ(item["status"], "open");
  EXPECT_EQ(item["created_by"], "mia");
  auto second = call("POST", "/api/v1/feed/" + id + "/action-items",
                     {{"text", "Alert on replica lag"}, {"status", "in_progress"}}, 201);
  EXPECT_TRUE(second["owner"].is_null());
  EXPECT_TRUE(second["due"].is_null());

  lesson = get("/api/v1/feed/" + id);
  ASSERT_EQ(lesson["notes"].size(), 2u);
  EXPECT_EQ(lesson["notes"][0]["text"], "We fail over the same way; check our runbook.");
  EXPECT_EQ(lesson["notes"][0]["author"], "mia");
  EXPECT_EQ(lesson["notes"][1]["author"], "rex");
  ASSERT_EQ(lesson["action_items"].size(), 2u);
  EXPECT_EQ(lesson["action_items"][0], item);
  EXPECT_EQ(lesson["action_items"][1]["status"], "in_progress");

  // Among the open action items, beside a postmortem's, overdue first.
  auto pm = call("POST", "/api/v1/postmortems",
                 {{"title", "Own outage"},
                  {"severity", "SEV3"},
                  {"action_items", {{{"text", "postmortem item"}, {"due", "2001-01-01"}}}}},
                 201);
  auto open = get("/api/v1/action-items");
  ASSERT_EQ(open["items"].size(), 3u);
  EXPECT_EQ(open["items"][0]["id"], item["id"]);
  EXPECT_EQ(open["items"][0]["received_lesson"],
            (json{{"id", id}, {"title", "Replica lag after failover"}}));
  EXPECT_TRUE(open["items"][0]["postmortem"].is_null());
  EXPECT_TRUE(open["items"][0]["overdue"].get<bool>());
  EXPECT_EQ(open["items"][1]["postmortem"]["id"], pm["id"]);
  EXPECT_TRUE(open["items"][1]["received_lesson"].is_null());
  EXPECT_EQ(ids(get("/api/v1/action-items?received_lesson=" + id)),
            (std::vector<std::string>{item["id"], second["id"]}));
  EXPECT_EQ(ids(get("/api/v1/action-items?received_lesson=" + id + "&owner=rex")),
            (std::vector<std::string>{item["id"]}));
  EXPECT_TRUE(
      get("/api/v1/action-items?received_lesson=00000000-0000-0000-0000-000000000000")["items"]
          .empty());

  // Its status changes in place, with no postmortem version.
  auto done = call("PATCH", "/api/v1/action-items/" + item["id"].get<std::string>(),
                   {{"status", "done"}, {"owner", nullptr}}, 200, rex);
  EXPECT_EQ(done["status"], "done");
  EXPECT_TRUE(done["owner"].is_null());
  EXPECT_EQ(done["received_lesson_id"], id);
  EXPECT_FALSE(done.contains("postmortem_version"));
  EXPECT_EQ(get("/api/v1/feed/" + id)["action_items"][0]["status"], "done");
  EXPECT_EQ(ids(get("/api/v1/action-items?received_lesson=" + id)),
            (std::vector<std::string>{second["id"]}));
  // A postmortem's item still changes through a new version of its postmortem.
  auto pm_item =
      call("PATCH", "/api/v1/action-items/" + pm["action_items"][0]["id"].get<std::string>(),
           {{"status", "done"}}, 200);
  EXPECT_EQ(pm_item["postmortem_version"], 2);

  // Nothing of this is in the lesson's signed document or fields.
  auto stored =
      sql("SELECT document::text || fields::text FROM received_lessons WHERE id = $1", id);
  EXPECT_EQ(stored[0][0].as<std::string>().find("Rehearse a failover"), std::string::npos);
  EXPECT_EQ(stored[0][0].as<std::string>().find("Runbook is current"), std::string::npos);
}

TEST_F(Feed, NotesAndActionItemsRefuseBadInputAndUnreachableLessons) {
  std::string id = seed({});
  std::string retracted = seed({});
  std::string blocked = seed({.origin = kBlocked});
  std::string hidden = seed({});
  sql("UPDATE received_lessons SET retracted = true, fields = NULL WHERE id = $1", retracted);
  sql("UPDATE received_lessons SET hidden_at = now() WHERE id = $1", hidden);
  std::string notes = "/api/v1/feed/" + id + "/notes";
  std::string items = "/api/v1/feed/" + id + "/action-items";
  EXPECT_EQ(call("POST", notes, {{"text", ""}}, 400)["error"]["field"], "text");
  EXPECT_EQ(call("POST", notes, {{"text", std::string(10001, 'x')}}, 400)["error"]["field"],
            "text");
  EXPECT_EQ(call("POST", notes, json::object(), 400)["error"]["field"], "text");
  EXPECT_EQ(call("POST", items, {{"owner", "rex"}}, 400)["error"]["field"], "text");
  EXPECT_EQ(call("POST", items, {{"text", "x"}, {"owner", "nobody"}}, 400)["error"]["field"],
            "owner");
  EXPECT_EQ(call("POST", items, {{"text", "x"}, {"due", "2026-13-01"}}, 400)["error"]["field"],
            "due");
  EXPECT_EQ(call("POST", items, {{"text", "x"}, {"status", "finished"}}, 400)["error"]["field"],
            "status");
  EXPECT_EQ(
      call("POST", items, {{"text", "x"}, {"external_link", "ftp://x"}}, 400)["error"]["field"],
      "external_link");
  EXPECT_EQ(call("POST", items, {{"text", "x"}, {"priority", 1}}, 400)["error"]["field"],
            "priority");
  auto bad_json = server->request("POST", notes, "{", mia);
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(error_field("/api/v1/action-items?received_lesson=nope"), "received_lesson");

  for (const auto& target :
       {retracted, blocked, hidden, std::string("00000000-0000-0000-0000-000000000000"),
        std::string("nope")}) {
    call("POST", "/api/v1/feed/" + target + "/notes", {{"text", "x"}}, 404);
    call("POST", "/api/v1/feed/" + target + "/action-items", {{"text", "x"}}, 404);
  }
  // A reviewer reaches the hidden lesson.
  call("POST", "/api/v1/feed/" + hidden + "/notes", {{"text", "why hidden?"}}, 201, rex);
  EXPECT_EQ(sql("SELECT count(*) FROM received_lesson_notes")[0][0].as<int>(), 1);
  EXPECT_EQ(sql("SELECT count(*) FROM action_items")[0][0].as<int>(), 0);
}

TEST_F(Feed, ReviewersHideAndUnhideAndEveryChangeIsAudited) {
  std::string id = seed({.received_second = 1});
  std::string other = seed({.received_second = 2});
  std::string hide = "/api/v1/feed/" + id + "/hide";
  std::string unhide = "/api/v1/feed/" + id + "/unhide";
  EXPECT_EQ(call("POST", hide, nullptr, 403)["error"]["code"], "forbidden");

  auto hidden = call("POST", hide, nullptr, 200, rex);
  EXPECT_EQ(hidden["hidden"], true);
  EXPECT_EQ(hidden["hidden_by"], "rex");
  EXPECT_TRUE(hidden["hidden_at"].is_string());
  call("POST", hide, nullptr, 200, rex);  // already hidden: nothing changes
  EXPECT_EQ(ids(get("/api/v1/feed")), std::vector<std::string>{other});
  get("/api/v1/feed/" + id, 404);
  EXPECT_EQ(ids(get("/api/v1/feed?hidden=true", 200, rex)), std::vector<std::string>{id});

  auto shown = call("POST", unhide, nullptr, 200, rex);
  EXPECT_EQ(shown["hidden"], false);
  EXPECT_TRUE(shown["hidden_by"].is_null());
  call("POST", unhide, nullptr, 200, rex);
  EXPECT_EQ(ids(get("/api/v1/feed")), (std::vector<std::string>{other, id}));

  call("POST", "/api/v1/feed/" + id + "/notes", {{"text", "Seen."}}, 201);
  auto item = call("POST", "/api/v1/feed/" + id + "/action-items", {{"text", "Check ours"}}, 201);
  call("PATCH", "/api/v1/action-items/" + item["id"].get<std::string>(), {{"status", "done"}}, 200);
  EXPECT_EQ(audit_actions(id), (std::vector<std::string>{"received_lesson.hide by rex",
                                                         "received_lesson.unhide by rex",
                                                         "received_lesson.note by mia"}));
  EXPECT_EQ(audit_actions(item["id"]),
            (std::vector<std::string>{"action_item.create by mia", "action_item.update by mia"}));
  auto update =
      sql("SELECT before->>'status', after->>'status', after->>'received_lesson_id' "
          "FROM audit_log WHERE action = 'action_item.update'");
  EXPECT_EQ(update[0][0].as<std::string>(), "open");
  EXPECT_EQ(update[0][1].as<std::string>(), "done");
  auto create =
      sql("SELECT after->>'received_lesson_id' FROM audit_log "
          "WHERE action = 'action_item.create'");
  EXPECT_EQ(create[0][0].as<std::string>(), id);

  // Tombstones and blocked peers' lessons cannot be moderated: the feed does not hold them.
  sql("UPDATE received_lessons SET retracted = true, fields = NULL WHERE id = $1", other);
  call("POST", "/api/v1/feed/" + other + "/hide", nullptr, 404, rex);
  call("POST", "/api/v1/feed/nope/hide", nullptr, 404, rex);
}

TEST_F(Feed, AnActionItemBelongsToExactlyOneThing) {
  std::string id = seed({});
  auto pm = call("POST", "/api/v1/postmortems", {{"title", "Own"}, {"severity", "SEV3"}}, 201);
  auto insert = [&](const char* postmortem, const char* lesson) {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec_params(
        "INSERT INTO action_items (postmortem_id, received_lesson_id, position, text) "
        "VALUES ($1::uuid, $2::uuid, 0, 'x')",
        postmortem ? std::optional<std::string>(postmortem) : std::nullopt,
        lesson ? std::optional<std::string>(lesson) : std::nullopt);
    tx.commit();
  };
  std::string pm_id = pm["id"];
  EXPECT_THROW(insert(nullptr, nullptr), pqxx::check_violation);
  EXPECT_THROW(insert(pm_id.c_str(), id.c_str()), pqxx::check_violation);
  EXPECT_NO_THROW(insert(pm_id.c_str(), nullptr));
  EXPECT_NO_THROW(insert(nullptr, id.c_str()));
}

}  // namespace
}  // namespace hindsight::test
