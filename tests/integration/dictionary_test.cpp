// The org dictionary: read by reviewers, replaced by admins with If-Match, compiled before it
// is stored, audited.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class DictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    admin = server->create_user_with_token("ada", "admin");
    reviewer = server->create_user_with_token("rex", "reviewer");
  }

  federation::HttpsResponse put(const json& dictionary, const std::string& etag) {
    return server->request("PUT", "/api/v1/dictionary", json{{"dictionary", dictionary}}.dump(),
                           admin, {{"If-Match", etag}});
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string admin, reviewer;
};

TEST_F(DictionaryTest, StartsEmptyAndKeepsWhatAdminsStore) {
  auto first = server->get("/api/v1/dictionary", reviewer);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("etag"), "\"1\"");
  EXPECT_EQ(json::parse(first.body)["dictionary"], json::object());

  json dictionary = {
      {"org_names", {"Acme Corp"}},
      {"terms", {"Project Falcon"}},
      {"customers", {"Globex"}},
      {"internal_domains", {"acme.internal"}},
      {"allowed_terms", {"PostgreSQL"}},
      {"patterns", {{{"name", "ticket"}, {"type", "ACCOUNT_ID"}, {"regex", "TCK-[0-9]{4}"}}}}};
  auto stored = put(dictionary, "\"1\"");
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.header("etag"), "\"2\"");
  auto read = json::parse(server->get("/api/v1/dictionary", reviewer).body);
  EXPECT_EQ(read["dictionary"], dictionary);
  EXPECT_EQ(read["updated_by"], "ada");
}

TEST_F(DictionaryTest, StaleIfMatchIs409AndMissingIs428) {
  ASSERT_EQ(put({{"org_names", {"Acme"}}}, "\"1\"").status, 200);
  auto stale = put({{"org_names", {"Other"}}}, "\"1\"");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(json::parse(stale.body)["current"]["org_names"][0], "Acme");
  auto missing = server->request("PUT", "/api/v1/dictionary", R"({"dictionary": {}})", admin);
  EXPECT_EQ(missing.status, 428);
}

TEST_F(DictionaryTest, ADictionaryTheAnonymizerCannotUseIsRefused) {
  for (const json& bad :
       {json{{"patterns", {{{"name", "broken"}, {"type", "ORG"}, {"regex", "([unclosed"}}}}},
        json{{"patterns", {{{"name", "typo"}, {"type", "NOT_A_TYPE"}, {"regex", "x"}}}}},
        json{{"org_names", "Acme"}}, json{{"colour", {"blue"}}}}) {
    auto r = put(bad, "\"1\"");
    EXPECT_EQ(r.status, 400) << bad.dump() << " " << r.body;
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "validation_failed");
  }
  EXPECT_EQ(json::parse(server->get("/api/v1/dictionary", reviewer).body)["version"], 1);
}

TEST_F(DictionaryTest, ReplacementsAreAudited) {
  ASSERT_EQ(put({{"customers", {"Initech"}}}, "\"1\"").status, 200);
  auto audit = json::parse(server->get("/api/v1/audit?action=dictionary.replace", admin).body);
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["actor"], "ada");
  EXPECT_EQ(audit["items"][0]["after"]["customers"][0], "Initech");
}

}  // namespace
}  // namespace hindsight::test
