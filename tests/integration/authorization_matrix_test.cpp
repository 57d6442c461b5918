// Every route of the router, called as anonymous, member, reviewer, admin and a disabled user,
// answers as the access policy below says. A route missing from the policy fails the test, so
// no route ships without a decision on who may call it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using server::Access;

// The policy, stated independently of the code that registers the routes.
const std::map<std::string, Access> kPolicy = {
    {"GET /healthz", Access::anyone},
    {"GET /readyz", Access::anyone},
    {"GET /metrics", Access::anyone},
    {"GET /api/v1/openapi.json", Access::anyone},
    {"GET /.well-known/hindsight", Access::anyone},
    {"POST /api/v1/session", Access::anyone},
    {"DELETE /api/v1/session", Access::signed_in},
    {"GET /api/v1/me", Access::signed_in},
    {"PUT /api/v1/me/password", Access::signed_in},
    {"GET /api/v1/tokens", Access::signed_in},
    {"POST /api/v1/tokens", Access::signed_in},
    {"DELETE /api/v1/tokens/{id}", Access::signed_in},
    {"GET /api/v1/postmortems", Access::member},
    {"POST /api/v1/postmortems", Access::member},
    {"GET /api/v1/postmortems/{id}", Access::member},
    {"PUT /api/v1/postmortems/{id}", Access::member},
    {"POST /api/v1/postmortems/{id}/status", Access::member},
    {"GET /api/v1/postmortems/{id}/versions", Access::member},
    {"GET /api/v1/postmortems/{id}/versions/{n}", Access::member},
    {"GET /api/v1/postmortems/{id}/comments", Access::member},
    {"GET /api/v1/postmortems/{id}/export", Access::member},
    {"POST /api/v1/postmortems/import", Access::member},
    {"GET /api/v1/stats", Access::member},
    {"POST /api/v1/postmortems/{id}/comments", Access::member},
    {"GET /api/v1/action-items", Access::member},
    {"PATCH /api/v1/action-items/{id}", Access::member},
    {"GET /api/v1/users", Access::admin},
    {"POST /api/v1/users", Access::admin},
    {"PATCH /api/v1/users/{username}", Access::admin},
    {"GET /api/v1/audit", Access::admin},
    {"GET /api/v1/dictionary", Access::reviewer},
    {"PUT /api/v1/dictionary", Access::admin},
    {"POST /api/v1/postmortems/{id}/lesson", Access::reviewer},
    {"GET /api/v1/lessons", Access::reviewer},
    {"GET /api/v1/lessons/{id}", Access::reviewer},
    {"POST /api/v1/lessons/{id}/redactions", Access::reviewer},
    {"POST /api/v1/lessons/{id}/keeps", Access::reviewer},
    {"DELETE /api/v1/lessons/{id}/rules/{rule_id}", Access::reviewer},
    {"POST /api/v1/lessons/{id}/approve", Access::reviewer},
    {"POST /api/v1/lessons/{id}/retract", Access::reviewer},
};

enum class Caller { anonymous, member, reviewer, admin, disabled };
const char* caller_name(Caller c) {
  static const char* names[] = {"anonymous", "member", "reviewer", "admin", "disabled"};
  return names[static_cast<int>(c)];
}

// What the policy allows: true = must get past authentication and authorization.
bool allowed(Access access, Caller caller) {
  switch (access) {
    case Access::anyone:
      return true;
    case Access::signed_in:
    case Access::member:
      return caller == Caller::member || caller == Caller::reviewer || caller == Caller::admin;
    case Access::reviewer:
      return caller == Caller::reviewer || caller == Caller::admin;
    case Access::admin:
      return caller == Caller::admin;
  }
  return false;
}

std::string concrete_path(const std::string& pattern) {
  std::string out = pattern;
  auto replace = [&](const std::string& from, const std::string& to) {
    for (auto at = out.find(from); at != std::string::npos; at = out.find(from))
      out.replace(at, from.size(), to);
  };
  replace("{id}", "00000000-0000-0000-0000-000000000000");
  replace("{rule_id}", "00000000-0000-0000-0000-000000000000");
  replace("{n}", "1");
  replace("{username}", "nobody");
  return out;
}

TEST(AuthorizationMatrix, EveryRouteAnswersEveryRoleAsThePolicySays) {
  TestDatabase db;
  TestServer server(db.conninfo());
  std::map<Caller, std::string> tokens = {
      {Caller::member, server.create_user_with_token("m", "member")},
      {Caller::reviewer, server.create_user_with_token("r", "reviewer")},
      {Caller::admin, server.create_user_with_token("a", "admin")},
      {Caller::disabled, server.create_user_with_token("d", "admin")}};
  {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec("UPDATE users SET disabled_at = now() WHERE username = 'd'");
    tx.commit();
  }
  std::size_t checked = 0;
  for (const auto& route : server.router().routes()) {
    std::string key = route.method + " " + route.pattern;
    auto policy = kPolicy.find(key);
    ASSERT_NE(policy, kPolicy.end()) << "route without an access decision in the policy: " << key;
    EXPECT_EQ(route.access, policy->second)
        << "the router's access for " << key << " differs from the policy";
    // Sign-out would end the caller's credentials mid-test; tokens are not sessions, so it is safe.
    for (Caller caller :
         {Caller::anonymous, Caller::member, Caller::reviewer, Caller::admin, Caller::disabled}) {
      std::optional<std::string> token;
      if (caller != Caller::anonymous) token = tokens[caller];
      auto r = server.request(route.method, concrete_path(route.pattern), "{}", token);
      bool passed = r.status != 401 && r.status != 403;
      // 403 may also be a rule of the handler itself (not an author); only anonymous and
      // disabled callers must see 401, and disallowed roles 403.
      if (allowed(policy->second, caller)) {
        EXPECT_TRUE(passed || (r.status == 403 &&
                               nlohmann::json::parse(r.body)["error"]["code"] != "forbidden"))
            << key << " as " << caller_name(caller) << " got " << r.status << " " << r.body;
      } else if (caller == Caller::anonymous || caller == Caller::disabled) {
        EXPECT_EQ(r.status, 401) << key << " as " << caller_name(caller);
      } else {
        EXPECT_EQ(r.status, 403) << key << " as " << caller_name(caller);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, kPolicy.size() * 5);
}

}  // namespace
}  // namespace hindsight::test
