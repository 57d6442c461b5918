#include "users/user_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "crypto/random.hpp"
#include "db/transaction.hpp"
#include "error/api_error.hpp"
#include "http/json_body.hpp"

namespace hindsight::server {
using common::ApiError;
namespace db = common::db;

namespace {

constexpr db::Statement kInsertUser{"users_insert", R"(
INSERT INTO users (username, display_name, email, role, password_hash)
VALUES ($1, $2, $3, $4::user_role, $5)
ON CONFLICT (username) DO NOTHING
RETURNING id)"};

constexpr db::Statement kInsertFirstAdmin{"users_insert_first_admin", R"(
INSERT INTO users (username, display_name, role, password_hash)
SELECT 'admin', 'Administrator', 'admin', $1
WHERE NOT EXISTS (SELECT 1 FROM users)
ON CONFLICT (username) DO NOTHING
RETURNING id)"};

constexpr db::Statement kAnyUser{"users_any", "SELECT EXISTS (SELECT 1 FROM users)"};

constexpr db::Statement kFindByUsername{"users_find_by_username", R"(
SELECT id, username, display_name, email, role::text FROM users WHERE username = $1)"};

bool valid_username(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  auto lower_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_alnum(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return lower_alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool plausible_email(const std::string& email) {
  auto at = email.find('@');
  return email.size() >= 3 && email.size() <= 320 && at != std::string::npos && at > 0 &&
         at == email.rfind('@') && at + 1 < email.size() &&
         email.find_first_of(" \t\r\n<>") == std::string::npos;
}

}  // namespace

void validate_new_user(const NewUser& user) {
  if (!valid_username(user.username))
    throw ApiError::validation("username", "username must match [a-z0-9][a-z0-9._-]{0,62}");
  std::size_t length = 0;
  if (!utf8_length(user.display_name, length) || length > 200)
    throw ApiError::validation("display_name",
                               "display_name must be UTF-8, at most 200 characters");
  if (user.email && !plausible_email(*user.email))
    throw ApiError::validation("email", "email is not an email address");
  if (!utf8_length(user.password, length))
    throw ApiError::validation("password", "password is not valid UTF-8");
  if (length < 12)
    throw ApiError::validation("password", "password must have at least 12 characters");
  if (user.password.size() > 1024)
    throw ApiError::validation("password", "password must be at most 1024 bytes");
}

UserRecord UserService::create(const NewUser& user) const {
  validate_new_user(user);
  std::string hash = hasher_.hash(user.password);
  auto rows = db::with_transaction(pool_, [&](db::Transaction& tx) {
    return tx.exec(kInsertUser, user.username, user.display_name, user.email,
                   std::string(role_name(user.role)), hash);
  });
  if (rows.empty())
    throw ApiError(409, "conflict", fmt::format("username '{}' is taken", user.username),
                   "username");
  return {rows[0][0].as<std::string>(), user.username, user.display_name, user.email, user.role};
}

std::optional<UserRecord> UserService::find_by_username(const std::string& username) const {
  auto rows = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec(kFindByUsername, username); });
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  UserRecord u{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
               std::nullopt, parse_role(row[4].as<std::string>()).value_or(Role::member)};
  if (!row[3].is_null()) u.email = row[3].as<std::string>();
  return u;
}

std::optional<std::string> UserService::create_first_admin() const {
  bool any = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec(kAnyUser)[0][0].as<bool>(); });
  if (any) return std::nullopt;
  std::string password = common::crypto::random_base64url(18);  // 24 characters
  std::string hash = hasher_.hash(password);
  auto rows = db::with_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec(kInsertFirstAdmin, hash); });
  if (rows.empty()) return std::nullopt;  // another server made it first
  return password;
}

}  // namespace hindsight::server
