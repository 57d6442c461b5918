// Which peers hold which version of a lesson (FEDERATION.md, "Subscriptions": withdrawal reaches
// everyone who had it), recorded when a push is acknowledged or a pull answer includes it, so
// the publisher sees who holds a lesson and whether its retraction arrived.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/db/transaction.hpp"

namespace hindsight::federation {

// `peer` was given `version` of a lesson (a retraction when `retracted`).
struct LessonHolding {
  std::string lesson_id;
  std::string peer;
  int version = 0;
  bool retracted = false;
};

// Records what each peer was given by `via` ("push" or "pull"), in one statement, unless it was
// given a newer version. Several versions of one lesson for one peer keep the newest.
void record_lesson_holders(common::db::Transaction& tx, const std::vector<LessonHolding>& given,
                           std::string_view via);

// [{"peer_url", "peer_name", "version", "retracted", "via", "at"}] by peer; nullopt when there is
// no such lesson.
std::optional<nlohmann::json> lesson_holders(common::db::Transaction& tx,
                                             const std::string& lesson_id);

}  // namespace hindsight::federation
