#include "server/audit/audit_log.hpp"

namespace hindsight::server {

common::audit::Actor audit_actor(const Principal& principal) {
  return {principal.user_id, principal.username};
}

void record_audit(common::db::Transaction& tx, const Principal* actor, const AuditEntry& entry) {
  common::audit::Actor who =
      actor ? audit_actor(*actor) : common::audit::Actor{std::nullopt, "cli"};
  common::audit::record(tx, who, entry);
}

}  // namespace hindsight::server
