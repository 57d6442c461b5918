// The publisher's answer to GET /federation/v1/lessons (FEDERATION.md, "Pull catch-up"): the
// latest version of each lesson changed after a cursor, in change order, filtered to what one
// subscriber may see (a retraction numbered like the version for a lesson that left its topics),
// each signed as it is sent. Cursors are positions in the change order: opaque to subscribers,
// and monotonic.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/db/transaction.hpp"
#include "federation/identity/instance_keys.hpp"

namespace hindsight::federation {

inline constexpr int kDefaultPullLimit = 100;
inline constexpr int kMaxPullLimit = 200;

// {"items": [signed lesson documents], "next": "<cursor>"} for the accepted subscriber
// `subscriber`, after `after` ("" from the beginning), at most `limit` items. Records, per
// lesson, that the subscriber was given this version. Throws common::ApiError 400 for a cursor
// this instance never gave, 403 when `subscriber` has no accepted subscription.
nlohmann::json read_lesson_changes(common::db::Transaction& tx, const std::string& subscriber,
                                   std::string_view after, int limit, const SigningKey& key);

}  // namespace hindsight::federation
