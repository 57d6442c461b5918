// The peers the feed can be filtered by: those with at least one lesson the feed lists by
// default (not a tombstone, not hidden, the peer not blocked), so a member picks a peer by name
// rather than typing its origin.
#pragma once

#include <nlohmann/json.hpp>

#include "common/db/transaction.hpp"

namespace hindsight::server {

// {"items": [{"origin", "name"}], "next_cursor": null}, by name, then the peers whose discovery
// was never read (`name` null) by origin.
nlohmann::json feed_peers(common::db::Transaction& tx);

}  // namespace hindsight::server
