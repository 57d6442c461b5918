// Searching postmortems: ranking, every filter, and cursor pagination that neither repeats
// nor skips rows while new postmortems are being filed.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>

#include "common/db/ranked_search.hpp"

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class PostmortemSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    token = server->create_user_with_token("sam", "reviewer");
    other = server->create_user_with_token("tess", "member");
  }

  std::string create(json body, const std::string& as = {}) {
    auto r = server->request("POST", "/api/v1/postmortems", body.dump(), as.empty() ? token : as);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"];
  }

  json search(const std::string& query) {
    auto r = server->get("/api/v1/postmortems" + query, token);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    return json::parse(r.body);
  }

  std::vector<std::string> ids(const json& page) {
    std::vector<std::string> out;
    for (const auto& item : page["items"])
      out.push_back(item["id"]);
    return out;
  }

  // Every match of a query ordered by ts_rank, straight from the database: the order ranked
  // search must give (docs/search.md).
  std::vector<std::string> ranked_by_database(const std::string& text, const std::string& and_where,
                                              int limit) {
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    std::vector<std::string> out;
    for (const auto& row : tx.exec_params(
             "SELECT p.id::text FROM postmortems p "
             "WHERE p.search_vector @@ websearch_to_tsquery('english', $1)" +
                 and_where +
                 " ORDER BY ts_rank(p.search_vector, websearch_to_tsquery('english', $1)) DESC, "
                 "p.updated_at DESC, p.id DESC LIMIT $2",
             text, limit))
      out.push_back(row[0].as<std::string>());
    return out;
  }

  // Every page of a search, in order.
  std::vector<std::string> all_pages(const std::string& query) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int pages = 0; pages < 50; ++pages) {
      auto page = search(query + (cursor.empty() ? "" : "&cursor=" + cursor));
      for (auto& id : ids(page))
        seen.push_back(id);
      if (page["next_cursor"].is_null()) break;
      cursor = page["next_cursor"];
    }
    return seen;
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string token, other;
};

TEST_F(PostmortemSearchTest, NewestFirstWithoutAQuery) {
  std::string a = create({{"title", "First"}, {"severity", "SEV3"}});
  std::string b = create({{"title", "Second"}, {"severity", "SEV3"}});
  auto page = search("");
  EXPECT_EQ(ids(page), (std::vector<std::string>{b, a}));
  EXPECT_TRUE(page["next_cursor"].is_null());
  auto item = page["items"][0];
  EXPECT_EQ(item["title"], "Second");
  EXPECT_EQ(item["status"], "draft");
  EXPECT_EQ(item["severity"], "SEV3");
  EXPECT_TRUE(item["updated_at"].is_string());
}

TEST_F(PostmortemSearchTest, TitleMatchesRankAboveTimelineMatches) {
  std::string timeline = create(
      {{"title", "Network partition"},
       {"severity", "SEV2"},
       {"timeline", {{{"at", "2026-01-01T00:00:00Z"}, {"text", "replication lag noticed"}}}}});
  std::string title = create({{"title", "Replication lag on the primary"}, {"severity", "SEV2"}});
  create({{"title", "Unrelated disk full"}, {"severity", "SEV2"}});
  auto page = search("?q=replication");
  EXPECT_EQ(ids(page), (std::vector<std::string>{title, timeline}));
}

TEST_F(PostmortemSearchTest, SearchCoversSummaryFactorsAndLessons) {
  std::string summary =
      create({{"title", "A"}, {"severity", "SEV4"}, {"summary", "thundering herd"}});
  std::string factor =
      create({{"title", "B"},
              {"severity", "SEV4"},
              {"contributing_factors", {{{"category", "capacity"}, {"text", "herd of retries"}}}}});
  std::string lessons =
      create({{"title", "C"}, {"severity", "SEV4"}, {"lessons_learned", "jitter stops a herd"}});
  auto found = ids(search("?q=herd"));
  EXPECT_EQ(std::set<std::string>(found.begin(), found.end()),
            (std::set<std::string>{summary, factor, lessons}));
}

// Query strings are form-encoded: %22 is a quote and '+' a space, so a quoted phrase reaches
// the search as a phrase.
TEST_F(PostmortemSearchTest, QuotedPhrasesMatchAdjacentWordsOnly) {
  std::string phrase = create({{"title", "Connection pool exhausted"}, {"severity", "SEV2"}});
  create({{"title", "Pool of workers lost its connection"}, {"severity", "SEV2"}});
  EXPECT_EQ(ids(search("?q=%22connection+pool%22")), std::vector<std::string>{phrase});
  EXPECT_EQ(ids(search("?q=%22connection%20pool%22")), std::vector<std::string>{phrase});
  EXPECT_EQ(ids(search("?q=connection+pool")).size(), 2u);
}

TEST_F(PostmortemSearchTest, EveryFilterNarrowsTheResults) {
  std::string a = create({{"title", "Alpha"},
                          {"severity", "SEV1"},
                          {"tags", {"database"}},
                          {"services", {"billing"}},
                          {"started_at", "2026-01-10T00:00:00Z"},
                          {"contributing_factors", {{{"category", "change"}}}}});
  std::string b = create({{"title", "Beta"},
                          {"severity", "SEV3"},
                          {"tags", {"network"}},
                          {"services", {"edge"}},
                          {"started_at", "2026-02-10T00:00:00Z"},
                          {"contributing_factors", {{{"category", "dependency"}}}}},
                         other);
  auto path = "/api/v1/postmortems/" + a + "/status";
  ASSERT_EQ(server->request("POST", path, R"({"status":"in_review"})", token).status, 200);
  EXPECT_EQ(ids(search("?severity=SEV1")), std::vector<std::string>{a});
  EXPECT_EQ(ids(search("?status=in_review")), std::vector<std::string>{a});
  EXPECT_EQ(ids(search("?status=draft")), std::vector<std::string>{b});
  EXPECT_EQ(ids(search("?tag=network")), std::vector<std::string>{b});
  EXPECT_EQ(ids(search("?service=billing")), std::vector<std::string>{a});
  EXPECT_EQ(ids(search("?category=dependency")), std::vector<std::string>{b});
  EXPECT_EQ(ids(search("?author=tess")), std::vector<std::string>{b});
  EXPECT_EQ(ids(search("?from=2026-02-01T00:00:00Z")), std::vector<std::string>{b});
  EXPECT_EQ(ids(search("?to=2026-02-01T00:00:00Z")), std::vector<std::string>{a});
  EXPECT_EQ(ids(search("?q=alpha&severity=SEV1&tag=database")), std::vector<std::string>{a});
  EXPECT_TRUE(ids(search("?q=alpha&severity=SEV3")).empty());
}

TEST_F(PostmortemSearchTest, PagesWalkEveryRowOnceWhileRowsAreInserted) {
  std::set<std::string> original;
  for (int i = 0; i < 7; ++i)
    original.insert(create({{"title", "Incident " + std::to_string(i)}, {"severity", "SEV3"}}));
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = search("?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (auto& id : ids(page))
      seen.push_back(id);
    // Filed between pages: newer than every cursor, so it must not show up in later pages.
    create({{"title", "Filed meanwhile " + std::to_string(pages)}, {"severity", "SEV4"}});
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(seen.size(), original.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), original);
  EXPECT_EQ(pages, 3);
}

TEST_F(PostmortemSearchTest, RankedPagesWalkEveryMatchOnce) {
  std::set<std::string> matching;
  for (int i = 0; i < 5; ++i)
    matching.insert(create({{"title", "Kafka consumer lag " + std::to_string(i)},
                            {"severity", "SEV3"},
                            {"summary", std::string(i, 'x') + " kafka"}}));
  create({{"title", "Something else"}, {"severity", "SEV3"}});
  std::vector<std::string> seen;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = search("?q=kafka&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (auto& id : ids(page))
      seen.push_back(id);
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(seen.size(), matching.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), matching);
}

// More matches than the newest candidates: the best ones are old and have the word in their
// title or summary, the newest have it only in their timeline. Ranking the newest matches alone
// would miss every one of the best.
class BroadSearchTest : public PostmortemSearchTest {
 protected:
  void SetUp() override {
    PostmortemSearchTest::SetUp();
    for (int i = 0; i < 6; ++i) {
      best.push_back(create({{"title", "Gremlin in the scheduler " + std::to_string(i)},
                             {"severity", i % 2 ? "SEV1" : "SEV2"},
                             {"summary", std::string(i, 'y') + " gremlin gremlin"}}));
      best.push_back(create({{"title", "Queue stall " + std::to_string(i)},
                             {"severity", i % 2 ? "SEV1" : "SEV2"},
                             {"summary", "a gremlin " + std::string(i, 'z')}}));
    }
    for (int i = 0; i < kNewest + 30; ++i)
      create({{"title", "Routine " + std::to_string(i)},
              {"severity", i % 3 ? "SEV3" : "SEV1"},
              {"timeline", {{{"at", "2026-01-01T00:00:00Z"}, {"text", "a gremlin noticed"}}}}});
  }
  static constexpr int kNewest = common::db::kNewestCandidates;
  std::vector<std::string> best;
};

TEST_F(BroadSearchTest, OneWordFindsItsBestMatchesInTheDatabasesOrder) {
  auto expected = ranked_by_database("gremlin", "", kNewest);
  ASSERT_EQ(expected.size(), static_cast<std::size_t>(kNewest));
  EXPECT_EQ(std::set<std::string>(expected.begin(), expected.begin() + 12),
            std::set<std::string>(best.begin(), best.end()));
  auto first = ids(search("?q=gremlin&limit=12"));
  EXPECT_EQ(first, std::vector<std::string>(expected.begin(), expected.begin() + 12));
  auto pages = all_pages("?q=gremlin&limit=37");
  ASSERT_GE(pages.size(), expected.size());
  EXPECT_EQ(std::vector<std::string>(pages.begin(), pages.begin() + kNewest), expected);
  EXPECT_EQ(std::set<std::string>(pages.begin(), pages.end()).size(), pages.size())
      << "a page repeated a match";
}

TEST_F(BroadSearchTest, FiltersNarrowTheBestMatches) {
  auto expected = ranked_by_database("gremlin", " AND p.severity = 'SEV1'", 30);
  EXPECT_EQ(ids(search("?q=gremlin&severity=SEV1&limit=30")), expected);
  EXPECT_EQ(all_pages("?q=gremlin&severity=SEV1&limit=7"),
            ranked_by_database("gremlin", " AND p.severity = 'SEV1'", 1000));
  auto sev2 = ids(search("?q=gremlin&severity=SEV2&limit=100"));
  EXPECT_EQ(sev2.size(), 6u);
  EXPECT_EQ(sev2, ranked_by_database("gremlin", " AND p.severity = 'SEV2'", 100));
}

TEST_F(BroadSearchTest, TwoWordsRankLikeTheDatabase) {
  // Few postmortems match both words, so every one of them is a candidate.
  EXPECT_EQ(ids(search("?q=gremlin+scheduler&limit=100")),
            ranked_by_database("gremlin scheduler", "", 100));
  EXPECT_EQ(ids(search("?q=gremlin+-scheduler&limit=20")),
            ranked_by_database("gremlin -scheduler", "", 20));
}

// The word scores kept per postmortem (search_terms) are what ts_rank gives for the word alone,
// and follow the postmortem's edits.
TEST_F(BroadSearchTest, WordScoresFollowEditsAndMatchTsRank) {
  std::string old = create({{"title", "Unrelated"}, {"severity", "SEV4"}});
  EXPECT_EQ(ids(search("?q=unrelated")), std::vector<std::string>{old});
  auto r = server->request(
      "PUT", "/api/v1/postmortems/" + old,
      json{{"title", "Gremlin gremlin gremlin"}, {"severity", "SEV4"}, {"summary", "gremlin"}}
          .dump(),
      token, {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids(search("?q=gremlin&limit=1")), std::vector<std::string>{old});
  EXPECT_EQ(ids(search("?q=gremlin&limit=1")), ranked_by_database("gremlin", "", 1));
  EXPECT_TRUE(ids(search("?q=unrelated")).empty());

  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(
      tx.exec_params1("SELECT count(*) FROM search_terms WHERE postmortem_id = $1::uuid "
                      "AND lexeme = (tsvector_to_array(to_tsvector('english', 'unrelated')))[1]",
                      old)[0]
          .as<int>(),
      0);
  auto scores = tx.exec1(
      "SELECT count(*), count(*) FILTER (WHERE abs(t.score - ts_rank(p.search_vector, "
      "to_tsquery('simple', t.lexeme))) > 1e-6) FROM search_terms t "
      "JOIN postmortems p ON p.id = t.postmortem_id WHERE t.lexeme ~ '^[a-z]+$'");
  EXPECT_GT(scores[0].as<int>(), 200);
  EXPECT_EQ(scores[1].as<int>(), 0) << "scores that differ from ts_rank";
}

// More postmortems hold the word in their title than a word's list: the list alone gives the
// candidates, in the database's order however many share a score, and no newer postmortem that
// has the word only in its timeline is ranked.
TEST_F(PostmortemSearchTest, AWordInManyTitlesIsRankedFromItsListAlone) {
  constexpr int kBest = common::db::kBestPerWord;
  for (int i = 0; i < kBest + 20; ++i)
    create({{"title", (i % 7 ? "Gremlin " : "Gremlin gremlin ") + std::to_string(i)},
            {"severity", i % 10 ? "SEV3" : "SEV2"}});
  std::string narrative_only =
      create({{"title", "Routine"},
              {"severity", "SEV2"},
              {"timeline", {{{"at", "2026-01-01T00:00:00Z"}, {"text", "a gremlin noticed"}}}}});
  auto expected = ranked_by_database("gremlin", "", kBest + 100);
  ASSERT_EQ(expected.size(), static_cast<std::size_t>(kBest + 21));
  auto pages = all_pages("?q=gremlin&limit=45");
  ASSERT_EQ(pages.size(), static_cast<std::size_t>(kBest));
  EXPECT_EQ(pages, std::vector<std::string>(expected.begin(), expected.begin() + kBest));
  EXPECT_EQ(std::count(pages.begin(), pages.end(), narrative_only), 0);
  // Fewer in the word's list meet a filter: the newest matches are ranked too.
  auto sev2 = ids(search("?q=gremlin&severity=SEV2&limit=100"));
  EXPECT_EQ(sev2, ranked_by_database("gremlin", " AND p.severity = 'SEV2'", 100));
  EXPECT_EQ(sev2.size(), 23u);
  EXPECT_EQ(sev2.back(), narrative_only);
}

TEST_F(PostmortemSearchTest, BadParametersAre400NamingTheParameter) {
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?severity=SEV9", "severity"},
           {"?status=archived", "status"},
           {"?category=gremlins", "category"},
           {"?limit=0", "limit"},
           {"?limit=abc", "limit"},
           {"?from=yesterday", "from"},
           {"?cursor=not-a-cursor", "cursor"},
       }) {
    auto r = server->get("/api/v1/postmortems" + query, token);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_EQ(json::parse(r.body)["error"]["field"], field) << query;
  }
}

TEST_F(PostmortemSearchTest, QuerySyntaxIsDataNotSql) {
  std::string id = create({{"title", "Quote ' and backslash \\ in title"}, {"severity", "SEV3"}});
  EXPECT_EQ(
      server->get("/api/v1/postmortems?q=%27%3B%20DROP%20TABLE%20postmortems%3B--", token).status,
      200);
  EXPECT_EQ(server->get("/api/v1/postmortems?q=%22unterminated%20or%20-%20%21%21", token).status,
            200);
  EXPECT_EQ(ids(search("?q=backslash")), std::vector<std::string>{id});
}

}  // namespace
}  // namespace hindsight::test
