// Turns a request's credentials into a Principal: `Authorization: Bearer` API tokens for
// scripts, or the hindsight_session cookie for browsers, whose unsafe requests must also carry
// the CSRF token in X-CSRF-Token. Credentials are cached in memory and the cache is cleared by
// the change feed whenever a user, token or session changes, so a disabled user, a revoked
// token or a closed session is refused at once while a request costs no database round trip.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>

#include "common/db/change_feed.hpp"
#include "common/db/coherent_cache.hpp"
#include "common/db/connection_pool.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "server/auth/principal.hpp"
#include "server/auth/session_service.hpp"
#include "server/http/request.hpp"
#include "server/users/token_usage.hpp"

namespace hindsight::server {

class Authenticator {
 public:
  Authenticator(common::db::ConnectionPool& pool, const SessionService& sessions,
                common::db::ChangeFeed& changes, common::runtime::BlockingPool& blocking,
                TokenUsage& token_usage);

  // nullopt for a request without credentials; throws ApiError 401 for bad credentials and
  // 403 (csrf_failed) for an unsafe browser request without the right CSRF token. A cached
  // credential answers at once; only a miss goes to the database, on the blocking pool.
  boost::asio::awaitable<std::optional<Principal>> authenticate(const Request& request) const;

  struct Credential {
    Principal principal;
    std::string csrf_hash;  // sessions only
    std::optional<std::chrono::system_clock::time_point> expires_at;
  };
  using CredentialCache = common::db::CoherentCache<Credential>;
  const CredentialCache& cache() const { return cache_; }

 private:
  boost::asio::awaitable<Principal> from_bearer(std::string_view header) const;
  boost::asio::awaitable<Principal> from_session(const Request& request,
                                                 const std::string& token) const;
  template <typename Load>
  boost::asio::awaitable<std::optional<Credential>> cached(const std::string& key, Load load) const;
  std::optional<Credential> find_token(const std::string& token_hash) const;

  common::db::ConnectionPool& pool_;
  const SessionService& sessions_;
  common::runtime::BlockingPool& blocking_;
  TokenUsage& token_usage_;
  mutable CredentialCache cache_;
};

inline constexpr const char* kSessionCookie = "hindsight_session";
inline constexpr const char* kCsrfCookie = "hindsight_csrf";

// The value of one cookie in the Cookie header, if present.
std::optional<std::string> cookie_value(const Request& request, std::string_view name);

}  // namespace hindsight::server
