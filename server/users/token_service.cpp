#include "server/users/token_service.hpp"

#include "common/crypto/api_token.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/audit/audit_log.hpp"

namespace hindsight::server {
namespace db = common::db;

namespace {

constexpr db::Statement kInsertToken{"tokens_insert", R"(
INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)
RETURNING id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))"};

constexpr db::Statement kListTokens{"tokens_list", R"(
SELECT id, name, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at, id)"};

constexpr db::Statement kRevokeToken{"tokens_revoke", R"(
UPDATE api_tokens SET revoked_at = now()
WHERE id::text = $1 AND user_id = $2 AND revoked_at IS NULL)"};

}  // namespace

NewToken TokenService::create(db::Transaction& tx, const std::string& user_id,
                              const std::string& name, const Principal* actor) const {
  std::string token = common::crypto::generate_api_token();
  auto inserted = tx.exec(kInsertToken, user_id, name, common::crypto::token_hash(token));
  record_audit(tx, actor,
               {"token.create",
                "token",
                inserted[0][0].as<std::string>(),
                nullptr,
                {{"user_id", user_id}, {"name", name}}});
  return {{inserted[0][0].as<std::string>(), name, inserted[0][1].as<std::string>(), std::nullopt},
          token};
}

std::vector<TokenInfo> TokenService::list(const std::string& user_id) const {
  auto rows = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec(kListTokens, user_id); });
  std::vector<TokenInfo> out;
  for (const auto& row : rows) {
    TokenInfo t{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                std::nullopt};
    if (!row[3].is_null()) t.last_used_at = row[3].as<std::string>();
    out.push_back(std::move(t));
  }
  return out;
}

void TokenService::revoke(db::Transaction& tx, const Principal& owner,
                          const std::string& token_id) const {
  tx.changes_cached_rows();
  auto result = tx.exec(kRevokeToken, token_id, owner.user_id);
  if (result.affected_rows() == 0) throw common::ApiError::not_found("no such token");
  record_audit(tx, &owner, {"token.revoke", "token", token_id, nullptr, nullptr});
}

}  // namespace hindsight::server
