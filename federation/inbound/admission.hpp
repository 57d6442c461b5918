// The last of a federation request's checks, made in the transaction of the work it asks for
// (server/http/peer_gate): the sender's standing read again, so a block this process has not
// heard of yet still refuses it, and its nonce remembered. A nonce passes once per key while a
// replay could still pass the time checks; a request refused later on leaves no nonce behind,
// and two copies arriving at once cannot both pass (the second waits on the first's row and
// sees it once it commits). One statement: a request pays one round trip for all of it.
#pragma once

#include "common/db/transaction.hpp"
#include "federation/inbound/verified_peer.hpp"

namespace hindsight::federation {

// Refuses (common::ApiError) a blocked sender or one with no subscription either way (403,
// except a subscription request), and a nonce already seen for the key (401); sets
// peer.publishes_to_us.
void admit_request(common::db::Transaction& tx, VerifiedPeer& peer);

}  // namespace hindsight::federation
