// Comments threaded one level, and action items tracked across postmortems.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class Collaboration : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    ada = server->create_user_with_token("ada", "member");
    ben = server->create_user_with_token("ben", "member");
  }

  json call(const std::string& method, const std::string& path, const json& body, int expected,
            const std::string& token = {}) {
    auto r = server->request(method, path, body.is_null() ? "" : body.dump(),
                             token.empty() ? ada : token);
    EXPECT_EQ(r.status, expected) << method << " " << path << " " << r.body;
    return json::parse(r.body);
  }

  std::string create(const json& body) {
    return call("POST", "/api/v1/postmortems", body, 201)["id"];
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string ada, ben;
};

TEST_F(Collaboration, CommentsThreadOneLevel) {
  std::string id = create({{"title", "Disk full"}, {"severity", "SEV3"}});
  std::string path = "/api/v1/postmortems/" + id + "/comments";
  auto first = call("POST", path, {{"body", "Why was the alert muted?"}}, 201);
  auto reply =
      call("POST", path, {{"body", "Maintenance window."}, {"parent_id", first["id"]}}, 201, ben);
  EXPECT_EQ(reply["parent_id"], first["id"]);
  auto nested = call("POST", path, {{"body", "nested"}, {"parent_id", reply["id"]}}, 400);
  EXPECT_EQ(nested["error"]["field"], "parent_id");
  call("POST", path, {{"body", "Second thread"}}, 201, ben);

  auto list = call("GET", path, nullptr, 200);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["author"], "ada");
  ASSERT_EQ(list["items"][0]["replies"].size(), 1u);
  EXPECT_EQ(list["items"][0]["replies"][0]["body"], "Maintenance window.");
  EXPECT_EQ(list["items"][1]["replies"].size(), 0u);
  EXPECT_TRUE(list["next_cursor"].is_null());
}

TEST_F(Collaboration, CommentValidationAndUnknownPostmortem) {
  std::string id = create({{"title", "Disk full"}, {"severity", "SEV3"}});
  std::string path = "/api/v1/postmortems/" + id + "/comments";
  EXPECT_EQ(call("POST", path, {{"body", ""}}, 400)["error"]["field"], "body");
  EXPECT_EQ(call("POST", path, {{"body", std::string(10001, 'x')}}, 400)["error"]["field"], "body");
  EXPECT_EQ(call("POST", path, {{"body", "x"}, {"parent_id", "nope"}}, 400)["error"]["field"],
            "parent_id");
  call("POST", "/api/v1/postmortems/00000000-0000-0000-0000-000000000000/comments", {{"body", "x"}},
       404);
  call("GET", "/api/v1/postmortems/00000000-0000-0000-0000-000000000000/comments", nullptr, 404);
}

TEST_F(Collaboration, OpenActionItemsListOverdueFirstAcrossPostmortems) {
  create({{"title", "One"},
          {"severity", "SEV2"},
          {"action_items",
           {{{"text", "future"}, {"due", "2999-01-01"}, {"owner", "ben"}},
            {{"text", "long overdue"}, {"due", "2001-01-01"}},
            {{"text", "finished"}, {"due", "2000-01-01"}, {"status", "done"}}}}});
  create(
      {{"title", "Two"},
       {"severity", "SEV3"},
       {"action_items",
        {{{"text", "no date"}}, {{"text", "overdue"}, {"due", "2020-06-01"}, {"owner", "ben"}}}}});
  auto list = call("GET", "/api/v1/action-items", nullptr, 200);
  std::vector<std::string> texts;
  for (const auto& item : list["items"])
    texts.push_back(item["text"]);
  EXPECT_EQ(texts, (std::vector<std::string>{"long overdue", "overdue", "future", "no date"}));
  EXPECT_TRUE(list["items"][0]["overdue"].get<bool>());
  EXPECT_FALSE(list["items"][2]["overdue"].get<bool>());
  EXPECT_EQ(list["items"][0]["postmortem"]["title"], "One");

  auto mine = call("GET", "/api/v1/action-items?owner=ben", nullptr, 200);
  EXPECT_EQ(mine["items"].size(), 2u);

  std::vector<std::string> paged;
  std::string cursor;
  for (int i = 0; i < 5; ++i) {
    auto page =
        call("GET", "/api/v1/action-items?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor),
             nullptr, 200);
    for (const auto& item : page["items"])
      paged.push_back(item["text"]);
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(paged, texts);
}

TEST_F(Collaboration, PatchingAnActionItemMakesANewVersion) {
  auto pm = call(
      "POST", "/api/v1/postmortems",
      {{"title", "One"}, {"severity", "SEV2"}, {"action_items", {{{"text", "add alert"}}}}}, 201);
  std::string item = pm["action_items"][0]["id"];
  auto changed = call("PATCH", "/api/v1/action-items/" + item,
                      {{"status", "done"}, {"owner", "ben"}, {"due", "2026-12-01"}}, 200, ben);
  EXPECT_EQ(changed["status"], "done");
  EXPECT_EQ(changed["owner"], "ben");
  EXPECT_EQ(changed["postmortem_version"], 2);
  auto doc = call("GET", "/api/v1/postmortems/" + pm["id"].get<std::string>(), nullptr, 200);
  EXPECT_EQ(doc["version"], 2);
  EXPECT_EQ(doc["action_items"][0]["status"], "done");
  EXPECT_EQ(call("GET", "/api/v1/action-items", nullptr, 200)["items"].size(), 0u);
  auto cleared =
      call("PATCH", "/api/v1/action-items/" + item, {{"owner", nullptr}, {"due", nullptr}}, 200);
  EXPECT_TRUE(cleared["owner"].is_null());
  EXPECT_TRUE(cleared["due"].is_null());
}

TEST_F(Collaboration, ActionItemPatchRefusesBadInput) {
  auto pm = call(
      "POST", "/api/v1/postmortems",
      {{"title", "One"}, {"severity", "SEV2"}, {"action_items", {{{"text", "add alert"}}}}}, 201);
  std::string path = "/api/v1/action-items/" + pm["action_items"][0]["id"].get<std::string>();
  EXPECT_EQ(call("PATCH", path, {{"status", "finished"}}, 400)["error"]["field"], "status");
  EXPECT_EQ(call("PATCH", path, {{"owner", "nobody"}}, 400)["error"]["field"], "owner");
  EXPECT_EQ(call("PATCH", path, {{"due", "soon"}}, 400)["error"]["field"], "due");
  EXPECT_EQ(call("PATCH", path, {{"text", "rewrite"}}, 400)["error"]["field"], "text");
  call("PATCH", path, json::object(), 400);
  call("PATCH", "/api/v1/action-items/00000000-0000-0000-0000-000000000000", {{"status", "done"}},
       404);
  auto doc = call("GET", "/api/v1/postmortems/" + pm["id"].get<std::string>(), nullptr, 200);
  EXPECT_EQ(doc["version"], 1);
}

}  // namespace
}  // namespace hindsight::test
