// Browser sign-in: username and password against the Argon2id hash, a session cookie (only its
// hash is stored) and a CSRF token the page echoes on unsafe requests. Failed attempts are
// limited per account and per address; the answer never reveals whether a user exists.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "common/crypto/password_hasher.hpp"
#include "common/db/connection_pool.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

struct LoginLimits {
  int per_account = 5;  // failures within the window before 429
  int per_address = 20;
  std::chrono::seconds window{15 * 60};
};

struct NewSession {
  Principal principal;
  std::string session_token;  // cookie hindsight_session
  std::string csrf_token;     // cookie hindsight_csrf, echoed as X-CSRF-Token
  std::chrono::seconds ttl;
};

struct SessionLookup {
  Principal principal;
  std::string csrf_hash;
  std::chrono::system_clock::time_point expires_at;
};

class SessionService {
 public:
  SessionService(common::db::ConnectionPool& pool, const common::crypto::PasswordHasher& hasher,
                 std::chrono::seconds ttl = std::chrono::hours(12), LoginLimits limits = {});

  // Throws 429 (rate_limited, with the seconds to wait) or 401 with one message for every
  // wrong username/password combination.
  NewSession login(const std::string& username, const std::string& password,
                   const std::string& address) const;
  void logout(const std::string& session_token) const;
  // The live session for a cookie token: not expired, not revoked, its user not disabled.
  std::optional<SessionLookup> find(const std::string& session_token) const;

 private:
  common::db::ConnectionPool& pool_;
  const common::crypto::PasswordHasher& hasher_;
  std::chrono::seconds ttl_;
  LoginLimits limits_;
  const std::string& dummy_hash() const;

  // Verified against when the user does not exist, to equalize timing. Made at the first
  // sign-in rather than at start: an Argon2 hash costs as much as a login.
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;
};

}  // namespace hindsight::server
