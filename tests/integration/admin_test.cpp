// Admin moderation: managing users and roles, and reading the audit log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    admin = server->create_user_with_token("root", "admin");
  }

  json call(const std::string& method, const std::string& path, const json& body, int expected) {
    auto r = server->request(method, path, body.is_null() ? "" : body.dump(), admin);
    EXPECT_EQ(r.status, expected) << method << " " << path << " " << r.body;
    return json::parse(r.body);
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string admin;
};

TEST_F(AdminTest, CreateListChangeRoleAndDisableUsers) {
  auto created = call("POST", "/api/v1/users",
                      {{"username", "wes"},
                       {"role", "member"},
                       {"password", "twelve chars!"},
                       {"email", "wes@example.org"}},
                      201);
  EXPECT_EQ(created["role"], "member");
  call("POST", "/api/v1/users",
       {{"username", "wes"}, {"role", "member"}, {"password", "twelve chars!"}}, 409);
  EXPECT_EQ(call("POST", "/api/v1/users",
                 {{"username", "x y"}, {"role", "member"}, {"password", "twelve chars!"}},
                 400)["error"]["field"],
            "username");
  auto promoted = call("PATCH", "/api/v1/users/wes", {{"role", "reviewer"}}, 200);
  EXPECT_EQ(promoted["role"], "reviewer");
  auto disabled = call("PATCH", "/api/v1/users/wes", {{"disabled", true}}, 200);
  EXPECT_TRUE(disabled["disabled"].get<bool>());
  auto list = call("GET", "/api/v1/users", nullptr, 200);
  ASSERT_EQ(list["items"].size(), 3u);  // admin (first start), root, wes
  EXPECT_EQ(list["items"][2]["username"], "wes");
  EXPECT_TRUE(list["items"][2]["disabled"].get<bool>());
  call("PATCH", "/api/v1/users/nobody", {{"role", "member"}}, 404);
  EXPECT_EQ(call("PATCH", "/api/v1/users/wes", {{"role", "owner"}}, 400)["error"]["field"], "role");
  EXPECT_EQ(call("PATCH", "/api/v1/users/wes", {{"disabled", "yes"}}, 400)["error"]["field"],
            "disabled");
}

TEST_F(AdminTest, TheLastEnabledAdminCannotBeDemotedOrDisabled) {
  call("PATCH", "/api/v1/users/admin", {{"disabled", true}}, 200);  // the first-start admin
  call("PATCH", "/api/v1/users/root", {{"role", "member"}}, 409);
  call("PATCH", "/api/v1/users/root", {{"disabled", true}}, 409);
  call("PATCH", "/api/v1/users/admin", {{"disabled", false}}, 200);
  call("PATCH", "/api/v1/users/root", {{"role", "reviewer"}}, 200);
}

TEST_F(AdminTest, DisablingCutsOffTokensAtOnce) {
  std::string token = server->create_user_with_token("xena", "member");
  EXPECT_EQ(server->get("/api/v1/me", token).status, 200);
  call("PATCH", "/api/v1/users/xena", {{"disabled", true}}, 200);
  EXPECT_EQ(server->get("/api/v1/me", token).status, 401);
  call("PATCH", "/api/v1/users/xena", {{"disabled", false}}, 200);
  EXPECT_EQ(server->get("/api/v1/me", token).status, 200);
}

TEST_F(AdminTest, AuditLogRecordsPrivilegedActionsAndFilters) {
  call("POST", "/api/v1/users",
       {{"username", "yan"}, {"role", "member"}, {"password", "twelve chars!"}}, 201);
  call("PATCH", "/api/v1/users/yan", {{"role", "reviewer"}}, 200);
  auto all = call("GET", "/api/v1/audit", nullptr, 200);
  ASSERT_GE(all["items"].size(), 2u);
  EXPECT_EQ(all["items"][0]["action"], "user.update");  // newest first
  EXPECT_EQ(all["items"][0]["actor"], "root");
  EXPECT_EQ(all["items"][0]["before"]["role"], "member");
  EXPECT_EQ(all["items"][0]["after"]["role"], "reviewer");
  auto creates = call("GET", "/api/v1/audit?action=user.create&actor=root", nullptr, 200);
  ASSERT_EQ(creates["items"].size(), 1u);
  EXPECT_EQ(creates["items"][0]["after"]["username"], "yan");
  EXPECT_EQ(call("GET", "/api/v1/audit?from=2999-01-01T00:00:00Z", nullptr, 200)["items"].size(),
            0u);
  EXPECT_EQ(call("GET", "/api/v1/audit?from=soon", nullptr, 400)["error"]["field"], "from");
  EXPECT_EQ(call("GET", "/api/v1/audit?cursor=abc", nullptr, 400)["error"]["field"], "cursor");
}

}  // namespace
}  // namespace hindsight::test
