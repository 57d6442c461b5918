// Input the server cannot store or use is 400 validation_failed naming the field, never a 500:
// NUL in a body or a query, invalid UTF-8 in a query, offsets PostgreSQL refuses, instants
// outside its calendar, a taken email, a forged cursor.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {
using nlohmann::json;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    admin = server->create_user_with_token("root", "admin");
  }

  // The refusal's field, after checking it is a 400 validation_failed.
  std::string refused(const std::string& method, const std::string& path, const std::string& body,
                      const HeaderPairs& headers = {}) {
    auto r = server->request(method, path, body, admin, headers);
    EXPECT_EQ(r.status, 400) << method << " " << path << " " << body << " -> " << r.body;
    auto error = json::parse(r.body, nullptr, false)["error"];
    EXPECT_EQ(error["code"], "validation_failed") << r.body;
    return error.value("field", "");
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string admin;
};

TEST_F(BadInputTest, NulInAnyBodyStringIsRefusedNamingIt) {
  EXPECT_EQ(refused("POST", "/api/v1/tokens", R"({"name": "ci\u0000"})"), "name");
  EXPECT_EQ(refused("POST", "/api/v1/postmortems",
                    R"({"title": "t", "severity": "SEV2", "timeline": [
                        {"at": "2026-05-01T10:00:00Z", "text": "a\u0000b"}]})"),
            "timeline[0].text");
  EXPECT_EQ(refused("PATCH", "/api/v1/users/root", R"({"display_name": "\u0000"})"),
            "display_name");
  EXPECT_EQ(refused("PUT", "/api/v1/dictionary", R"({"dictionary": {"terms": ["a\u0000"]}})",
                    {{"If-Match", "\"1\""}}),
            "dictionary.terms[0]");
}

TEST_F(BadInputTest, QueryTextThatIsNotStorableIsRefused) {
  EXPECT_EQ(refused("GET", "/api/v1/postmortems?q=a%00b", ""), "q");
  EXPECT_EQ(refused("GET", "/api/v1/postmortems?tag=%FF", ""), "tag");
  EXPECT_EQ(refused("GET", "/api/v1/audit?actor=%ED%A0%80", ""), "actor");
  EXPECT_EQ(refused("GET", "/api/v1/action-items?owner=%00", ""), "owner");
}

TEST_F(BadInputTest, QueryInstantsAreReadLikeBodyInstants) {
  // +16:00 is RFC 3339 that PostgreSQL would refuse as an offset: applied here instead.
  for (const char* path : {"/api/v1/stats", "/api/v1/postmortems", "/api/v1/audit"}) {
    auto r = server->request(
        "GET",
        std::string(path) + "?from=2026-05-01T20:00:00%2B16:00&to=" + "2026-05-02T00:00:00-23:59",
        "", admin);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    EXPECT_EQ(refused("GET", std::string(path) + "?to=0000-12-31T00:00:00Z", ""), "to");
  }
  EXPECT_EQ(
      refused("POST", "/api/v1/postmortems",
              R"({"title": "t", "severity": "SEV2", "started_at": "9999-12-31T23:00:00-01:00"})"),
      "started_at");
}

TEST_F(BadInputTest, EarlyAndLateInstantsAreStoredAsSent) {
  auto r =
      server->request("POST", "/api/v1/postmortems",
                      R"({"title": "t", "severity": "SEV2", "started_at": "1500-01-01T00:00:00Z",
          "resolved_at": "3000-01-01T00:00:00+01:00"})",
                      admin);
  ASSERT_EQ(r.status, 201) << r.body;
  auto document = json::parse(r.body);
  EXPECT_EQ(document["started_at"], "1500-01-01T00:00:00Z");
  EXPECT_EQ(document["resolved_at"], "2999-12-31T23:00:00Z");
}

TEST_F(BadInputTest, ANonStringImportFormatIsRefused) {
  for (const char* format : {"null", "1", "[]"}) {
    std::string body = std::string(R"({"format": )") + format +
                       R"(, "postmortem": {"title": "t", "severity": "SEV1"}})";
    EXPECT_EQ(refused("POST", "/api/v1/postmortems/import", body), "format") << format;
  }
}

TEST_F(BadInputTest, DueDatesInYearZeroAndForgedCursorsAreRefused) {
  EXPECT_EQ(refused("POST", "/api/v1/postmortems",
                    R"({"title": "t", "severity": "SEV2",
                        "action_items": [{"text": "x", "due": "0000-01-01"}]})"),
            "action_items[0].due");
  // A cursor is base64url JSON the server wrote; a forged one with an id that is no uuid.
  EXPECT_EQ(refused("GET",
                    "/api/v1/postmortems?cursor=eyJyIjoiMCIsInUiOiIyMDI2LTAxLTAxVDAwOjAwOjAwWiIs"
                    "ImkiOiIxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTYifQ",
                    ""),
            "cursor");
}

TEST_F(BadInputTest, ATakenEmailIsAConflictNotAServerError) {
  auto first = server->request(
      "POST", "/api/v1/users",
      R"({"username": "ann", "role": "member", "password": "twelve chars!", "email": "a@x.org"})",
      admin);
  ASSERT_EQ(first.status, 201) << first.body;
  auto second = server->request(
      "POST", "/api/v1/users",
      R"({"username": "bob", "role": "member", "password": "twelve chars!", "email": "A@x.org"})",
      admin);
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(json::parse(second.body)["error"]["field"], "email");
  auto patched = server->request("PATCH", "/api/v1/users/root", R"({"email": "a@X.org"})", admin);
  EXPECT_EQ(patched.status, 409) << patched.body;
}

TEST_F(BadInputTest, SendingBackToDraftNeedsAReasonWhateverTheState) {
  auto created = server->request("POST", "/api/v1/postmortems",
                                 R"({"title": "t", "severity": "SEV2"})", admin);
  ASSERT_EQ(created.status, 201);
  std::string id = json::parse(created.body)["id"];
  EXPECT_EQ(refused("POST", "/api/v1/postmortems/" + id + "/status", R"({"status": "draft"})"),
            "reason");
}

// Distinct short words, `chars` characters of them: the text that makes the largest tsvector.
std::string distinct_words(std::size_t chars, std::size_t& counter) {
  std::string out;
  while (out.size() < chars) {
    std::string word;
    for (std::size_t n = counter++; word.empty() || n > 0; n /= 26)
      word += static_cast<char>('a' + n % 26);
    out += word + ' ';
  }
  out.resize(chars);
  return out;
}

TEST_F(BadInputTest, TextFieldsAtTheirLimitsFitTheSearchVector) {
  // Every text field at 100,000 characters of distinct words: within every documented limit
  // and the body limit, yet far more than a tsvector's 1 MiB if all of it were indexed.
  json body = {{"title", "Search vector"}, {"severity", "SEV3"}};
  std::size_t counter = 0;
  for (const char* field : {"summary", "impact", "trigger", "detection", "resolution", "went_well",
                            "went_poorly", "lucky", "lessons_learned"})
    body[field] = distinct_words(95'000, counter);
  auto r = server->request("POST", "/api/v1/postmortems", body.dump(), admin);
  ASSERT_EQ(r.status, 201) << r.body.substr(0, 300);
  auto found = server->request("GET", "/api/v1/postmortems?q=vector", "", admin);
  EXPECT_NE(found.body.find("Search vector"), std::string::npos) << found.body.substr(0, 300);
}

}  // namespace
}  // namespace hindsight::test
