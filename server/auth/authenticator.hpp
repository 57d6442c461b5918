// Turns a request's credentials into a Principal: `Authorization: Bearer` API tokens for
// scripts, or the hindsight_session cookie for browsers, whose unsafe requests must also carry
// the CSRF token in X-CSRF-Token. Every call looks the credential up, so a disabled user, a
// revoked token or a closed session is refused at once.
#pragma once

#include <optional>

#include "auth/principal.hpp"
#include "auth/session_service.hpp"
#include "db/connection_pool.hpp"
#include "http/request.hpp"

namespace hindsight::server {

class Authenticator {
 public:
  Authenticator(common::db::ConnectionPool& pool, const SessionService& sessions)
      : pool_(pool), sessions_(sessions) {}

  // nullopt for a request without credentials; throws ApiError 401 for bad credentials and
  // 403 (csrf_failed) for an unsafe browser request without the right CSRF token.
  std::optional<Principal> authenticate(const Request& request) const;

 private:
  std::optional<Principal> from_bearer(std::string_view header) const;
  std::optional<Principal> from_session(const Request& request, const std::string& token) const;

  common::db::ConnectionPool& pool_;
  const SessionService& sessions_;
};

inline constexpr const char* kSessionCookie = "hindsight_session";
inline constexpr const char* kCsrfCookie = "hindsight_csrf";

// The value of one cookie in the Cookie header, if present.
std::optional<std::string> cookie_value(const Request& request, std::string_view name);

}  // namespace hindsight::server
