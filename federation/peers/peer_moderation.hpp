// An admin's say over other instances (FEDERATION.md, "Blocking and moderation"): block and
// unblock an origin, and the policy that accepts subscription requests without an admin. Every
// change is audited in the caller's transaction.
#pragma once

#include <string>

#include "common/audit/audit_writer.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::federation {

struct BlockOutcome {
  bool changed = false;  // false: it was already blocked
  long long deliveries_dropped = 0;
};

// Its requests get 403 from now on; its subscription either way is revoked (it still hears
// subscription.revoked, and a publisher of ours hears our cancellation), its queued lessons are
// dropped, and the lessons it sent are hidden from the feed but kept.
BlockOutcome block_peer(common::db::Transaction& tx, const common::audit::Actor& actor,
                        const std::string& origin);
// Its requests are heard again; ended subscriptions stay ended. False when it was not blocked.
bool unblock_peer(common::db::Transaction& tx, const common::audit::Actor& actor,
                  const std::string& origin);

struct AutoAcceptPolicy {
  bool all = false;                  // every instance's request is accepted at once
  std::vector<std::string> origins;  // these instances' requests are
};

AutoAcceptPolicy auto_accept_policy(common::db::Transaction& tx);
void set_auto_accept_all(common::db::Transaction& tx, const common::audit::Actor& actor, bool all);
void set_peer_auto_accept(common::db::Transaction& tx, const common::audit::Actor& actor,
                          const std::string& origin, bool accept);

}  // namespace hindsight::federation
