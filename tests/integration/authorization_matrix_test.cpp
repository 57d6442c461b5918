// Every route of the router, called as anonymous, member, reviewer, admin, a disabled user and
// another instance signing its requests, answers as the access policy below says. A route missing
// from the policy fails the test, so no route ships without a decision on who may call it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "federation/outbound/request_signing.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_peer_signer.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

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
    {"POST /api/v1/lessons/{id}/public", Access::admin},
    {"DELETE /api/v1/lessons/{id}/public", Access::admin},
    {"GET /public/lessons/{id}", Access::anyone},
    {"GET /public/feed.atom", Access::anyone},
    {"GET /api/v1/feed", Access::member},
    {"GET /api/v1/feed/peers", Access::member},
    {"GET /api/v1/feed/{id}", Access::member},
    {"POST /api/v1/feed/{id}/notes", Access::member},
    {"POST /api/v1/feed/{id}/action-items", Access::member},
    {"POST /api/v1/feed/{id}/hide", Access::reviewer},
    {"POST /api/v1/feed/{id}/unhide", Access::reviewer},
    {"POST /federation/v1/subscriptions", Access::peer},
    {"DELETE /federation/v1/subscriptions/{id}", Access::peer},
    {"POST /federation/v1/inbox", Access::peer},
    {"GET /federation/v1/lessons", Access::peer},
    {"GET /api/v1/subscriptions", Access::admin},
    {"POST /api/v1/subscriptions", Access::admin},
    {"GET /api/v1/subscriptions/{id}", Access::admin},
    {"DELETE /api/v1/subscriptions/{id}", Access::admin},
    {"GET /api/v1/subscribers", Access::admin},
    {"POST /api/v1/subscribers/{id}/accept", Access::admin},
    {"POST /api/v1/subscribers/{id}/reject", Access::admin},
    {"POST /api/v1/subscribers/{id}/revoke", Access::admin},
    {"GET /api/v1/peers", Access::admin},
    {"GET /api/v1/peers/preview", Access::admin},
    {"POST /api/v1/peers/block", Access::admin},
    {"POST /api/v1/peers/unblock", Access::admin},
    {"POST /api/v1/peers/retry", Access::admin},
    {"POST /api/v1/peers/auto-accept", Access::admin},
    {"GET /api/v1/federation/policy", Access::admin},
    {"PUT /api/v1/federation/policy", Access::admin},
    {"GET /api/v1/lessons/{id}/holders", Access::reviewer},
};

enum class Caller { anonymous, member, reviewer, admin, disabled, peer };
const char* caller_name(Caller c) {
  static const char* names[] = {"anonymous", "member", "reviewer", "admin", "disabled", "peer"};
  return names[static_cast<int>(c)];
}

// What the policy allows: true = must get past authentication and authorization.
bool allowed(Access access, Caller caller) {
  switch (access) {
    case Access::anyone:
      return true;
    case Access::peer:  // a signed request from an instance with a subscription, nothing else
      return caller == Caller::peer;
    case Access::signed_in:  // a peer's signature opens no user's route
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
  // Another instance, subscribed to this one, signs its requests.
  TestDatabase peer_db;
  TestServer peer(peer_db.conninfo());
  std::string peer_origin = "https://127.0.0.1:" + std::to_string(peer.port());
  auto peer_key = instance_signing_key(peer_db.conninfo(), peer_origin);
  federation::RequestSigner peer_signer(peer_key.key_id, peer_key.key);
  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  options.max_response_bytes = 16 * 1024 * 1024;  // the OpenAPI document
  federation::HttpsClient peer_client(options);
  auto as_peer = [&](const std::string& method, const std::string& path, std::string body) {
    federation::HttpsRequest r{method, server.url(path), {}, std::move(body)};
    federation::sign_request(r, peer_signer);
    return peer_client.send(std::move(r));
  };
  ASSERT_EQ(as_peer("POST", "/federation/v1/subscriptions",
                    nlohmann::json{{"subscriber", peer_origin}}.dump())
                .status,
            202);
  std::size_t checked = 0;
  for (const auto& route : server.router().routes()) {
    std::string key = route.method + " " + route.pattern;
    auto policy = kPolicy.find(key);
    ASSERT_NE(policy, kPolicy.end()) << "route without an access decision in the policy: " << key;
    EXPECT_EQ(route.access, policy->second)
        << "the router's access for " << key << " differs from the policy";
    // Sign-out would end the caller's credentials mid-test; tokens are not sessions, so it is safe.
    for (Caller caller : {Caller::anonymous, Caller::member, Caller::reviewer, Caller::admin,
                          Caller::disabled, Caller::peer}) {
      std::optional<std::string> token;
      if (caller != Caller::anonymous && caller != Caller::peer) token = tokens[caller];
      auto r = caller == Caller::peer
                   ? as_peer(route.method, concrete_path(route.pattern), "{}")
                   : server.request(route.method, concrete_path(route.pattern), "{}", token);
      bool passed = r.status != 401 && r.status != 403;
      // 403 may also be a rule of the handler itself (not an author); only anonymous and
      // disabled callers must see 401, and disallowed roles 403.
      if (allowed(policy->second, caller)) {
        EXPECT_TRUE(passed || (r.status == 403 &&
                               nlohmann::json::parse(r.body)["error"]["code"] != "forbidden"))
            << key << " as " << caller_name(caller) << " got " << r.status << " " << r.body;
      } else if (caller == Caller::anonymous || caller == Caller::disabled ||
                 caller == Caller::peer || route.access == Access::peer) {
        EXPECT_EQ(r.status, 401) << key << " as " << caller_name(caller);
      } else {
        EXPECT_EQ(r.status, 403) << key << " as " << caller_name(caller);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, kPolicy.size() * 6);
}

}  // namespace
}  // namespace hindsight::test
