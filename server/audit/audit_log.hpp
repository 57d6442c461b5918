// The audit log as the API's services write it: the actor is the signed-in user, or the
// operator at the command line.
#pragma once

#include "common/audit/audit_writer.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

using AuditEntry = common::audit::Entry;

// How the audit log names a signed-in user (for services that record through common::audit).
common::audit::Actor audit_actor(const Principal& principal);

// `actor` null: a command-line action by the operator.
void record_audit(common::db::Transaction& tx, const Principal* actor, const AuditEntry& entry);

}  // namespace hindsight::server
