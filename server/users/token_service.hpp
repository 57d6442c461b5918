// API tokens for scripts: created for a user (the token is returned once, only its hash is
// kept), listed without their secret, revoked by their owner.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

struct TokenInfo {
  std::string id;
  std::string name;
  std::string created_at;
  std::optional<std::string> last_used_at;
};

struct NewToken {
  TokenInfo info;
  std::string token;  // shown once
};

class TokenService {
 public:
  explicit TokenService(common::db::ConnectionPool& pool) : pool_(pool) {}

  // `actor`: who asked (the owner through the API), or null for the command line; audited.
  NewToken create(common::db::Transaction& tx, const std::string& user_id, const std::string& name,
                  const Principal* actor) const;
  std::vector<TokenInfo> list(const std::string& user_id) const;
  // Throws ApiError 404 when the user has no such live token.
  void revoke(common::db::Transaction& tx, const Principal& owner,
              const std::string& token_id) const;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace hindsight::server
