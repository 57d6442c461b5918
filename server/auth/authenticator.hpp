// Turns a request's credentials into a Principal. API tokens come as `Authorization: Bearer`;
// a disabled user or a revoked token is refused at once, since every call looks them up.
#pragma once

#include <optional>

#include "auth/principal.hpp"
#include "db/connection_pool.hpp"
#include "http/request.hpp"

namespace hindsight::server {

class Authenticator {
 public:
  explicit Authenticator(common::db::ConnectionPool& pool) : pool_(pool) {}

  // nullopt for a request without credentials; throws ApiError 401 for bad credentials.
  std::optional<Principal> authenticate(const Request& request) const;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace hindsight::server
