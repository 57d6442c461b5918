#include "auth/authenticator.hpp"

#include "crypto/api_token.hpp"
#include "db/transaction.hpp"
#include "error/api_error.hpp"

namespace hindsight::server {
namespace {

constexpr common::db::Statement kFindTokenOwner{"auth_find_token_owner", R"(
SELECT u.id, u.username, u.display_name, u.role::text
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL)"};

}  // namespace

std::optional<Principal> Authenticator::authenticate(const Request& request) const {
  auto header = request.header("authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view kScheme = "Bearer ";
  if (header->size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header->begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
    throw common::ApiError::unauthenticated("the Authorization header must be 'Bearer <token>'");
  std::string token(header->substr(kScheme.size()));
  if (!token.starts_with(common::crypto::kApiTokenPrefix) || token.size() > 100)
    throw common::ApiError::unauthenticated("invalid or revoked token");
  std::string hash = common::crypto::api_token_hash(token);
  auto row = common::db::with_read_transaction(
      pool_, [&](common::db::Transaction& tx) { return tx.exec(kFindTokenOwner, hash); });
  if (row.empty()) throw common::ApiError::unauthenticated("invalid or revoked token");
  Principal p;
  p.user_id = row[0][0].as<std::string>();
  p.username = row[0][1].as<std::string>();
  p.display_name = row[0][2].as<std::string>();
  p.role = parse_role(row[0][3].as<std::string>()).value_or(Role::member);
  return p;
}

}  // namespace hindsight::server
