#include "common/audit/audit_writer.hpp"

namespace hindsight::common::audit {
namespace {

constexpr db::Statement kInsertAudit{"audit_insert", R"(
INSERT INTO audit_log (actor_id, actor, action, target_type, target_id, before, after)
VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb))"};

std::optional<std::string> json_or_null(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.dump();
}

}  // namespace

void record(db::Transaction& tx, const Actor& actor, const Entry& entry) {
  tx.exec(kInsertAudit, actor.user_id, actor.name, entry.action, entry.target_type, entry.target_id,
          json_or_null(entry.before), json_or_null(entry.after));
}

}  // namespace hindsight::common::audit
