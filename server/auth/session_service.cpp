#include "server/auth/session_service.hpp"

#include <fmt/format.h>

#include "common/crypto/api_token.hpp"
#include "common/crypto/random.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/audit/audit_log.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;

namespace {

constexpr db::Statement kRecentFailures{"login_recent_failures", R"(
SELECT count(*) FILTER (WHERE key = $1), count(*) FILTER (WHERE key = $2),
       COALESCE(ceil(extract(epoch FROM min(at) + make_interval(secs => $3) - now())), 1)::bigint
FROM login_failures WHERE key IN ($1, $2) AND at > now() - make_interval(secs => $3))"};
constexpr db::Statement kRecordFailure{"login_record_failure", R"(
WITH pruned AS (DELETE FROM login_failures WHERE at < now() - interval '1 day')
INSERT INTO login_failures (key) VALUES ($1), ($2))"};
constexpr db::Statement kClearFailures{"login_clear_failures",
                                       "DELETE FROM login_failures WHERE key = $1"};
constexpr db::Statement kFindUser{"login_find_user", R"(
SELECT id::text, username, display_name, role::text, password_hash
FROM users WHERE username = $1 AND disabled_at IS NULL)"};
constexpr db::Statement kInsertSession{"session_insert", R"(
INSERT INTO sessions (token_hash, csrf_hash, user_id, expires_at)
VALUES ($1, $2, $3::uuid, now() + make_interval(secs => $4)))"};
constexpr db::Statement kRevokeSession{
    "session_revoke",
    "UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL"};
constexpr db::Statement kFindSession{"session_find", R"(
SELECT u.id::text, u.username, u.display_name, u.role::text, s.csrf_hash,
       floor(extract(epoch FROM s.expires_at))::bigint
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL)"};

}  // namespace

SessionService::SessionService(db::ConnectionPool& pool,
                               const common::crypto::PasswordHasher& hasher,
                               std::chrono::seconds ttl, LoginLimits limits)
    : pool_(pool), hasher_(hasher), ttl_(ttl), limits_(limits) {}

const std::string& SessionService::dummy_hash() const {
  std::call_once(dummy_once_,
                 [this] { dummy_hash_ = hasher_.hash(common::crypto::random_base64url(16)); });
  return dummy_hash_;
}

NewSession SessionService::login(const std::string& username, const std::string& password,
                                 const std::string& address) const {
  std::string account_key = "user:" + username;
  std::string address_key = "addr:" + address;
  auto window = static_cast<double>(limits_.window.count());
  auto counts = db::with_read_transaction(pool_, [&](db::Transaction& tx) {
    return tx.exec(kRecentFailures, account_key, address_key, window);
  });
  if (counts[0][0].as<int>() >= limits_.per_account ||
      counts[0][1].as<int>() >= limits_.per_address) {
    long long wait = std::max<long long>(1, counts[0][2].as<long long>());
    throw ApiError(429, "rate_limited",
                   fmt::format("too many failed sign-ins; try again in {} seconds", wait))
        .with("retry_after", wait);
  }
  const std::string& dummy = dummy_hash();  // before the lookup: never costs only unknown users
  auto user = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec(kFindUser, username); });
  // Always run one Argon2 verification, so timing does not tell whether the user exists.
  bool ok = hasher_.verify(password, user.empty() ? dummy : user[0][4].as<std::string>()) &&
            !user.empty();
  if (!ok) {
    db::with_transaction(
        pool_, [&](db::Transaction& tx) { tx.exec(kRecordFailure, account_key, address_key); });
    throw ApiError::unauthenticated("invalid username or password");
  }
  NewSession session;
  session.principal = {user[0][0].as<std::string>(), user[0][1].as<std::string>(),
                       user[0][2].as<std::string>(),
                       parse_role(user[0][3].as<std::string>()).value_or(Role::member)};
  session.session_token = common::crypto::random_base64url(32);
  session.csrf_token = common::crypto::random_base64url(32);
  session.ttl = ttl_;
  db::with_transaction(pool_, [&](db::Transaction& tx) {
    tx.exec(kInsertSession, common::crypto::token_hash(session.session_token),
            common::crypto::token_hash(session.csrf_token), session.principal.user_id,
            static_cast<double>(ttl_.count()));
    tx.exec(kClearFailures, account_key);
    record_audit(
        tx, &session.principal,
        {"session.login", "user", session.principal.user_id, nullptr, {{"address", address}}});
  });
  return session;
}

void SessionService::logout(const std::string& session_token) const {
  db::with_transaction(pool_, [&](db::Transaction& tx) {
    tx.changes_cached_rows();
    tx.exec(kRevokeSession, common::crypto::token_hash(session_token));
  });
}

std::optional<SessionLookup> SessionService::find(const std::string& session_token) const {
  auto rows = db::read_one(pool_, kFindSession, common::crypto::token_hash(session_token));
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return SessionLookup{
      {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
       parse_role(r[3].as<std::string>()).value_or(Role::member)},
      r[4].as<std::string>(),
      std::chrono::system_clock::time_point(std::chrono::seconds(r[5].as<long long>()))};
}

}  // namespace hindsight::server
