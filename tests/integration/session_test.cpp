// Browser sign-in: cookie flags, CSRF on unsafe requests, sign-out, rate limits, and users
// cut off at once when disabled.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;
constexpr const char* kPassword = "correct horse battery staple";

struct Browser {
  std::string session;
  std::string csrf;
  HeaderPairs headers(bool with_csrf = true) const {
    HeaderPairs h = {{"Cookie", "hindsight_session=" + session + "; hindsight_csrf=" + csrf}};
    if (with_csrf) h.emplace_back("X-CSRF-Token", csrf);
    return h;
  }
};

std::vector<std::string> set_cookies(const federation::HttpsResponse& r) {
  std::vector<std::string> out;
  for (const auto& [name, value] : r.headers)
    if (name == "set-cookie") out.push_back(value);
  return out;
}

std::string cookie_from(const std::vector<std::string>& cookies, const std::string& name) {
  for (const auto& c : cookies)
    if (c.rfind(name + "=", 0) == 0)
      return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
  return {};
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    server->create_user_with_token("uma", "member");
  }

  federation::HttpsResponse login(const std::string& user, const std::string& password) {
    return server->request("POST", "/api/v1/session",
                           json{{"username", user}, {"password", password}}.dump());
  }

  Browser sign_in() {
    auto r = login("uma", kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    auto cookies = set_cookies(r);
    return {cookie_from(cookies, "hindsight_session"), cookie_from(cookies, "hindsight_csrf")};
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
};

TEST_F(SessionTest, LoginSetsHardenedCookiesAndReturnsTheCsrfToken) {
  auto r = login("uma", kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(body["username"], "uma");
  EXPECT_EQ(body["role"], "member");
  auto cookies = set_cookies(r);
  ASSERT_EQ(cookies.size(), 2u);
  std::string session_cookie =
      cookies[0].rfind("hindsight_session=", 0) == 0 ? cookies[0] : cookies[1];
  std::string csrf_cookie = cookies[0].rfind("hindsight_csrf=", 0) == 0 ? cookies[0] : cookies[1];
  for (const char* flag : {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"})
    EXPECT_NE(session_cookie.find(flag), std::string::npos) << flag;
  EXPECT_NE(csrf_cookie.find("Secure"), std::string::npos);
  EXPECT_NE(csrf_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(csrf_cookie.find("HttpOnly"), std::string::npos);  // the page must read it
  EXPECT_EQ(body["csrf_token"], cookie_from(cookies, "hindsight_csrf"));
}

TEST_F(SessionTest, SessionCookieAuthenticatesReads) {
  Browser b = sign_in();
  auto me = server->request("GET", "/api/v1/me", {}, std::nullopt, b.headers(false));
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["username"], "uma");
}

TEST_F(SessionTest, UnsafeRequestsWithoutTheCsrfTokenAreRefused) {
  Browser b = sign_in();
  std::string body = R"({"title": "t", "severity": "SEV4"})";
  auto without =
      server->request("POST", "/api/v1/postmortems", body, std::nullopt, b.headers(false));
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(json::parse(without.body)["error"]["code"], "csrf_failed");
  HeaderPairs wrong = b.headers(false);
  wrong.emplace_back("X-CSRF-Token", "not-the-token");
  EXPECT_EQ(server->request("POST", "/api/v1/postmortems", body, std::nullopt, wrong).status, 403);
  EXPECT_EQ(server->request("POST", "/api/v1/postmortems", body, std::nullopt, b.headers()).status,
            201);
}

TEST_F(SessionTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  auto wrong = login("uma", "not the password at all");
  auto unknown = login("nobody-here", "not the password at all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(wrong.body)["error"], json::parse(unknown.body)["error"]);
}

TEST_F(SessionTest, RepeatedFailuresAreRateLimitedPerAccount) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login("uma", "wrong password " + std::to_string(i)).status, 401);
  auto limited = login("uma", kPassword);  // even the right password waits
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(json::parse(limited.body)["error"]["code"], "rate_limited");
  EXPECT_FALSE(limited.header("retry-after").empty());
  // Limiting one account does not lock out another one.
  server->create_user_with_token("vic", "member");
  EXPECT_EQ(login("vic", kPassword).status, 200);
}

TEST_F(SessionTest, RepeatedFailuresAreRateLimitedPerAddress) {
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(login("user" + std::to_string(i), "guess guess guess").status, 401);
  EXPECT_EQ(login("uma", kPassword).status, 429);
}

TEST_F(SessionTest, LogoutEndsTheSession) {
  Browser b = sign_in();
  auto out = server->request("DELETE", "/api/v1/session", {}, std::nullopt, b.headers());
  EXPECT_EQ(out.status, 200);
  bool cleared = false;
  for (const auto& c : set_cookies(out))
    cleared |= c.find("Max-Age=0") != std::string::npos;
  EXPECT_TRUE(cleared);
  EXPECT_EQ(server->request("GET", "/api/v1/me", {}, std::nullopt, b.headers(false)).status, 401);
}

TEST_F(SessionTest, DisabledUsersSessionStopsAtOnce) {
  Browser b = sign_in();
  {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec("UPDATE users SET disabled_at = now() WHERE username = 'uma'");
    tx.commit();
  }
  EXPECT_EQ(server->request("GET", "/api/v1/me", {}, std::nullopt, b.headers(false)).status, 401);
  EXPECT_EQ(login("uma", kPassword).status, 401);
}

TEST_F(SessionTest, ExpiredSessionIsRefused) {
  Browser b = sign_in();
  {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec("UPDATE sessions SET expires_at = now() - interval '1 second'");
    tx.commit();
  }
  EXPECT_EQ(server->request("GET", "/api/v1/me", {}, std::nullopt, b.headers(false)).status, 401);
}

TEST_F(SessionTest, PasswordChangeNeedsTheCurrentPassword) {
  Browser b = sign_in();
  auto bad = server->request(
      "PUT", "/api/v1/me/password",
      json{{"current_password", "wrong"}, {"new_password", "a much longer secret"}}.dump(),
      std::nullopt, b.headers());
  EXPECT_EQ(bad.status, 403);
  auto short_one =
      server->request("PUT", "/api/v1/me/password",
                      json{{"current_password", kPassword}, {"new_password", "short"}}.dump(),
                      std::nullopt, b.headers());
  EXPECT_EQ(short_one.status, 400);
  EXPECT_EQ(json::parse(short_one.body)["error"]["field"], "new_password");
  auto ok = server->request(
      "PUT", "/api/v1/me/password",
      json{{"current_password", kPassword}, {"new_password", "a much longer secret"}}.dump(),
      std::nullopt, b.headers());
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(login("uma", kPassword).status, 401);
  EXPECT_EQ(login("uma", "a much longer secret").status, 200);
}

}  // namespace
}  // namespace hindsight::test
