#include "server/users/user_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/crypto/random.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "server/audit/audit_log.hpp"

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
  std::size_t length = 0;
  return common::utf8_length(email, length) && length <= 320 && at != std::string::npos && at > 0 &&
         at == email.rfind('@') && at + 1 < email.size() &&
         email.find_first_of(std::string_view(" \t\r\n<>\0", 7)) == std::string::npos;
}

// A second account with an email already in use (the index ignores case) is a conflict.
template <typename F>
auto unique_email(F&& f) {
  try {
    return f();
  } catch (const pqxx::unique_violation&) {
    throw ApiError(409, "conflict", "that email belongs to another user", "email");
  }
}

constexpr db::Statement kListUsers{"users_list", R"(
SELECT username, display_name, email, role::text, disabled_at IS NOT NULL, rfc3339(created_at)
FROM users ORDER BY username)"};

constexpr db::Statement kLockUser{"users_lock", R"(
SELECT id::text, display_name, email, role::text, disabled_at IS NOT NULL
FROM users WHERE username = $1 FOR UPDATE)"};

// Other enabled admins; locked so two admins cannot demote each other at the same time.
constexpr db::Statement kOtherAdmins{"users_other_admins", R"(
SELECT count(*) FROM (SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND username <> $1
FOR UPDATE) a)"};

constexpr db::Statement kUpdateUser{"users_update", R"(
UPDATE users SET
  role = COALESCE(($2::jsonb->>'role')::user_role, role),
  display_name = COALESCE($2::jsonb->>'display_name', display_name),
  email = CASE WHEN $2::jsonb ? 'email' THEN $2::jsonb->>'email' ELSE email END,
  disabled_at = CASE WHEN NOT ($2::jsonb ? 'disabled') THEN disabled_at
                     WHEN ($2::jsonb->>'disabled')::boolean THEN COALESCE(disabled_at, now())
                     ELSE NULL END,
  updated_at = now()
WHERE username = $1
RETURNING username, display_name, email, role::text, disabled_at IS NOT NULL)"};

constexpr db::Statement kPasswordHash{"users_password_hash",
                                      "SELECT password_hash FROM users WHERE id = $1::uuid"};
constexpr db::Statement kSetPassword{
    "users_set_password",
    "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1::uuid"};

nlohmann::json user_json(const pqxx::row& r) {
  return {
      {"username", r[0].as<std::string>()},
      {"display_name", r[1].as<std::string>()},
      {"email", r[2].is_null() ? nlohmann::json(nullptr) : nlohmann::json(r[2].as<std::string>())},
      {"role", r[3].as<std::string>()},
      {"disabled", r[4].as<bool>()}};
}

}  // namespace

void validate_new_user(const NewUser& user) {
  if (!valid_username(user.username))
    throw ApiError::validation("username", "username must match [a-z0-9][a-z0-9._-]{0,62}");
  common::check_text(user.display_name, "display_name", 200);
  if (user.email) validate_email(*user.email);
  validate_password(user.password, "password");
}

void validate_email(const std::string& email) {
  if (!plausible_email(email)) throw ApiError::validation("email", "email is not an email address");
}

void validate_password(const std::string& password, const std::string& field) {
  common::check_text(password, field, 1024);
  std::size_t length = 0;
  common::utf8_length(password, length);
  if (length < 12) throw ApiError::validation(field, field + " must have at least 12 characters");
}

UserRecord UserService::create(db::Transaction& tx, const NewUser& user,
                               const Principal* actor) const {
  validate_new_user(user);
  std::string hash = hasher_.hash(user.password);
  auto rows = unique_email([&] {
    auto inserted = tx.exec(kInsertUser, user.username, user.display_name, user.email,
                            std::string(role_name(user.role)), hash);
    if (!inserted.empty())
      record_audit(tx, actor,
                   {"user.create",
                    "user",
                    inserted[0][0].as<std::string>(),
                    nullptr,
                    {{"username", user.username}, {"role", role_name(user.role)}}});
    return inserted;
  });
  if (rows.empty())
    throw ApiError(409, "conflict", fmt::format("username '{}' is taken", user.username),
                   "username");
  return {rows[0][0].as<std::string>(), user.username, user.display_name, user.email, user.role};
}

nlohmann::json UserService::list() const {
  auto rows =
      db::with_read_transaction(pool_, [&](db::Transaction& tx) { return tx.exec(kListUsers); });
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : rows) {
    auto u = user_json(row);
    u["created_at"] = row[5].as<std::string>();
    items.push_back(std::move(u));
  }
  return {{"items", items}, {"next_cursor", nullptr}};
}

nlohmann::json UserService::update(db::Transaction& tx, const Principal& admin,
                                   const std::string& username, const nlohmann::json& patch) const {
  return unique_email([&] {
    tx.changes_cached_rows();
    auto current = tx.exec(kLockUser, username);
    if (current.empty()) throw ApiError::not_found("no such user");
    bool was_admin = current[0][3].as<std::string>() == "admin" && !current[0][4].as<bool>();
    bool stays_admin = patch.value("role", current[0][3].as<std::string>()) == "admin" &&
                       !patch.value("disabled", current[0][4].as<bool>());
    if (was_admin && !stays_admin && tx.exec(kOtherAdmins, username)[0][0].as<int>() == 0)
      throw ApiError::conflict("this is the last enabled admin; make another admin first");
    nlohmann::json before = {{"role", current[0][3].as<std::string>()},
                             {"disabled", current[0][4].as<bool>()}};
    auto updated = tx.exec(kUpdateUser, username, patch.dump());
    nlohmann::json after = user_json(updated[0]);
    record_audit(tx, &admin,
                 {"user.update",
                  "user",
                  current[0][0].as<std::string>(),
                  before,
                  {{"role", after["role"]}, {"disabled", after["disabled"]}, {"changed", patch}}});
    return after;
  });
}

void UserService::change_password(db::Transaction& tx, const Principal& caller,
                                  const std::string& current, const std::string& next) const {
  validate_password(next, "new_password");
  auto stored = tx.exec(kPasswordHash, caller.user_id);
  if (stored.empty() || !hasher_.verify(current, stored[0][0].as<std::string>()))
    throw ApiError(403, "forbidden", "the current password is wrong", "current_password");
  tx.changes_cached_rows();
  tx.exec(kSetPassword, caller.user_id, hasher_.hash(next));
  record_audit(tx, &caller, {"user.password", "user", caller.user_id, nullptr, nullptr});
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

std::optional<std::string> UserService::create_first_admin(db::Transaction& tx) const {
  if (tx.exec(kAnyUser)[0][0].as<bool>()) return std::nullopt;
  std::string password = common::crypto::random_base64url(18);  // 24 characters
  auto rows = tx.exec(kInsertFirstAdmin, hasher_.hash(password));
  if (rows.empty()) return std::nullopt;  // another server made it first
  return password;
}

}  // namespace hindsight::server
