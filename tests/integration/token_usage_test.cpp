// When an API token was last used: shown in its owner's token list, recorded without a
// database write per request, and recorded without costing anyone their cached credentials.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class TokenUsageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Counts every row update of api_tokens, whoever makes it.
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec0("CREATE TABLE token_row_updates (n int)");
    tx.exec0(
        "CREATE FUNCTION count_token_update() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN INSERT INTO token_row_updates VALUES (1); RETURN NULL; END $$");
    tx.exec0(
        "CREATE TRIGGER count_token_updates AFTER UPDATE ON api_tokens FOR EACH ROW "
        "EXECUTE FUNCTION count_token_update()");
    tx.commit();
  }

  int token_row_updates() {
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    return tx.exec1("SELECT count(*) FROM token_row_updates")[0].as<int>();
  }

  json token_list(const TestServer& server, const std::string& token) {
    auto r = server.get("/api/v1/tokens", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["items"];
  }

  // The credential cache's misses so far, from /metrics.
  long credential_misses(const TestServer& server) {
    std::string text = server.get("/metrics").body;
    std::smatch m;
    std::regex line(R"re(hindsight_cache_misses_total\{cache="credentials"\} (\d+))re");
    return std::regex_search(text, m, line) ? std::stol(m[1]) : -1;
  }

  TestDatabase db;
};

TEST_F(TokenUsageTest, TheTokenListShowsWhenEachTokenWasLastUsed) {
  TestServer server(db.conninfo());
  std::string token = server.create_user_with_token("lena", "member");
  ASSERT_EQ(server.get("/api/v1/me", token).status, 200);
  json items = token_list(server, token);
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0]["last_used_at"].is_string()) << items.dump();
  EXPECT_TRUE(std::regex_match(items[0]["last_used_at"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
}

TEST_F(TokenUsageTest, ManyRequestsWithOneTokenAreOneWrite) {
  TestServer server(db.conninfo());
  std::string token = server.create_user_with_token("lena", "member");
  for (int i = 0; i < 25; ++i)
    ASSERT_EQ(server.get("/api/v1/me", token).status, 200);
  token_list(server, token);  // writes what was noted
  EXPECT_EQ(token_row_updates(), 1);
}

TEST_F(TokenUsageTest, RecordingAUseKeepsEveryonesCachedCredentials) {
  TestServer server(db.conninfo());
  std::string token = server.create_user_with_token("lena", "member");
  ASSERT_EQ(server.get("/api/v1/me", token).status, 200);
  token_list(server, token);  // records the use
  long misses = credential_misses(server);
  ASSERT_GE(misses, 1);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(server.get("/api/v1/me", token).status, 200);
  EXPECT_EQ(credential_misses(server), misses);
}

}  // namespace
}  // namespace hindsight::test
