#include "server/api/session_routes.hpp"

#include <fmt/format.h>

#include "common/db/transaction.hpp"
#include "server/auth/authenticator.hpp"
#include "server/http/json_body.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

// Secure + SameSite=Strict always; the session cookie is also HttpOnly, while the page reads
// the CSRF cookie to echo it in X-CSRF-Token.
std::string cookie(const char* name, const std::string& value, long long max_age, bool http_only) {
  return fmt::format("{}={}; Path=/; Max-Age={}; Secure; SameSite=Strict{}", name, value, max_age,
                     http_only ? "; HttpOnly" : "");
}

}  // namespace

void add_session_routes(Router& router, const SessionService& sessions, const UserService& users,
                        db::ConnectionPool& pool) {
  router.add("POST", "/api/v1/session", Access::anyone, [&sessions](Request& req) {
    json body = parse_json_object(req);
    std::string username = required_string(body, "username", 200);
    std::string password = required_string(body, "password", 1024);
    auto session = sessions.login(username, password, req.remote_address);
    const auto& p = session.principal;
    long long ttl = session.ttl.count();
    return Response::json(200, {{"username", p.username},
                                {"display_name", p.display_name},
                                {"role", role_name(p.role)},
                                {"csrf_token", session.csrf_token}})
        .with_header("Set-Cookie", cookie(kSessionCookie, session.session_token, ttl, true))
        .with_header("Set-Cookie", cookie(kCsrfCookie, session.csrf_token, ttl, false))
        .with_header("Cache-Control", "no-store");
  });

  router.add("DELETE", "/api/v1/session", Access::signed_in, [&sessions](Request& req) {
    if (auto token = cookie_value(req, kSessionCookie)) sessions.logout(*token);
    return Response::json(200, {{"signed_out", true}})
        .with_header("Set-Cookie", cookie(kSessionCookie, "", 0, true))
        .with_header("Set-Cookie", cookie(kCsrfCookie, "", 0, false));
  });

  router.add("PUT", "/api/v1/me/password", Access::signed_in, [&users, &pool](Request& req) {
    json body = parse_json_object(req);
    std::string current = required_string(body, "current_password", 1024);
    std::string next = required_string(body, "new_password", 1024);
    db::with_transaction(
        pool, [&](db::Transaction& tx) { users.change_password(tx, req.caller(), current, next); });
    return Response::json(200, {{"changed", true}});
  });
}

}  // namespace hindsight::server
