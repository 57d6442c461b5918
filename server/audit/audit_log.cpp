#include "server/audit/audit_log.hpp"

namespace hindsight::server {

void record_audit(common::db::Transaction& tx, const Principal* actor, const AuditEntry& entry) {
  common::audit::Actor who = actor ? common::audit::Actor{actor->user_id, actor->username}
                                   : common::audit::Actor{std::nullopt, "cli"};
  common::audit::record(tx, who, entry);
}

}  // namespace hindsight::server
