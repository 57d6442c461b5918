// Which peers hold which version of a lesson (FEDERATION.md, "Subscriptions": withdrawal reaches
// everyone who had it), recorded when a push is acknowledged or a pull answer includes it, so
// the publisher sees who holds a lesson and whether its retraction arrived.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/db/transaction.hpp"

namespace hindsight::federation {

// `peer` was given `version` (a retraction when `retracted`) by `via` ("push" or "pull"),
// unless it was given a newer one.
void record_lesson_holder(common::db::Transaction& tx, const std::string& lesson_id,
                          const std::string& peer, int version, bool retracted,
                          std::string_view via);

// [{"peer_url", "peer_name", "version", "retracted", "via", "at"}] by peer; nullopt when there is
// no such lesson.
std::optional<nlohmann::json> lesson_holders(common::db::Transaction& tx,
                                             const std::string& lesson_id);

}  // namespace hindsight::federation
