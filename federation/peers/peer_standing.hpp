// What this instance holds about an origin that sends it a request, read before the request's
// signature is checked: FEDERATION.md refuses a blocked origin (403) and one with no
// subscription either way (403) without fetching anything from it. And the peer row a
// subscription either way starts from.
#pragma once

#include <string>

#include "common/db/transaction.hpp"

namespace hindsight::federation {

struct PeerStanding {
  bool blocked = false;
  bool has_subscription = false;  // a subscription with it either way, in any state
};

PeerStanding peer_standing(common::db::Transaction& tx, const std::string& origin);

// Records the peer (and its discovery name, unless empty) when a subscription with it begins;
// returns whether it is blocked.
bool remember_peer(common::db::Transaction& tx, const std::string& origin, const std::string& name);

}  // namespace hindsight::federation
