#include "audit/audit_log.hpp"

namespace hindsight::server {
namespace {

constexpr common::db::Statement kInsertAudit{"audit_insert", R"(
INSERT INTO audit_log (actor_id, actor, action, target_type, target_id, before, after)
VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb))"};

std::optional<std::string> json_or_null(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.dump();
}

}  // namespace

void record_audit(common::db::Transaction& tx, const Principal* actor, const AuditEntry& entry) {
  std::optional<std::string> actor_id;
  if (actor) actor_id = actor->user_id;
  tx.exec(kInsertAudit, actor_id, actor ? actor->username : std::string("cli"), entry.action,
          entry.target_type, entry.target_id, json_or_null(entry.before),
          json_or_null(entry.after));
}

}  // namespace hindsight::server
