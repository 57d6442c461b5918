// Creating users and the first admin. Rules of the contract: usernames match
// [a-z0-9][a-z0-9._-]{0,62}, passwords have at least 12 characters (NIST SP 800-63B), email is
// optional; passwords are stored only as Argon2id hashes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/crypto/password_hasher.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

struct NewUser {
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  Role role = Role::member;
  std::string password;
};

struct UserRecord {
  std::string id;
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  Role role = Role::member;
};

class UserService {
 public:
  UserService(common::db::ConnectionPool& pool, const common::crypto::PasswordHasher& hasher)
      : pool_(pool), hasher_(hasher) {}

  // Throws ApiError: validation_failed naming the field, or conflict for a taken username.
  // `actor` is the admin doing it, or null for the command line; audited either way.
  UserRecord create(common::db::Transaction& tx, const NewUser& user,
                    const Principal* actor = nullptr) const;
  // Every user, by username: {"items": [{"username","display_name","email","role","disabled"}]}.
  nlohmann::json list() const;
  // An admin changes role, disabled, display_name or email (fields present in `patch`). The
  // last enabled admin cannot be demoted or disabled.
  nlohmann::json update(common::db::Transaction& tx, const Principal& admin,
                        const std::string& username, const nlohmann::json& patch) const;
  // The caller changes their own password, proving the current one.
  void change_password(common::db::Transaction& tx, const Principal& caller,
                       const std::string& current, const std::string& next) const;
  std::optional<UserRecord> find_by_username(const std::string& username) const;
  // When there is no user at all, creates `admin` with a random password and returns it.
  std::optional<std::string> create_first_admin(common::db::Transaction& tx) const;

 private:
  common::db::ConnectionPool& pool_;
  const common::crypto::PasswordHasher& hasher_;
};

void validate_new_user(const NewUser& user);  // throws ApiError validation_failed
void validate_email(const std::string& email);
void validate_password(const std::string& password, const std::string& field);

}  // namespace hindsight::server
