// Replay protection for signed federation requests: a (key, nonce) pair is accepted once while
// a replay could still pass the time checks. Written in the request's own transaction, so a
// request refused later on leaves no nonce behind, and two copies arriving at once cannot both
// pass (the second waits on the first's row and sees it once it commits).
#pragma once

#include <chrono>
#include <string>

#include "common/db/transaction.hpp"

namespace hindsight::federation {

// True when the nonce is new for this key (and is now remembered until `keep_until`); false
// for a replay.
bool remember_nonce(common::db::Transaction& tx, const std::string& key_id,
                    const std::string& nonce, std::chrono::system_clock::time_point keep_until);

// Deletes nonces whose replays would be refused anyway; returns how many.
long long purge_expired_nonces(common::db::Transaction& tx);

}  // namespace hindsight::federation
