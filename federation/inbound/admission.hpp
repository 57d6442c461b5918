// The last of a federation request's checks, made in the transaction of the work it asks for
// (server/http/peer_gate, federation/inbox/inbox_groups): the sender's standing read again, so a
// block this process has not heard of yet still refuses it, and its nonce remembered. A nonce
// passes once per key while a replay could still pass the time checks; a request refused later
// on leaves no nonce behind, and two copies arriving at once cannot both pass (the second waits
// on the first's row and sees it once it commits, or both are in one statement and only the
// first is taken). One statement, for one request or many: each pays one round trip at most.
#pragma once

#include <optional>
#include <vector>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "federation/inbound/verified_peer.hpp"

namespace hindsight::federation {

// Refuses (common::ApiError) a blocked sender or one with no subscription either way (403,
// except a subscription request), and a nonce already seen for the key (401); sets
// peer.publishes_to_us.
void admit_request(common::db::Transaction& tx, VerifiedPeer& peer);

// Requests that each carry a lesson event, admitted together: for each, its refusal, or none
// when its nonce is now remembered. Besides admit_request's refusals, a sender that has not
// accepted this instance's subscription is refused with 403 (lesson_refused_from); its nonce is
// not remembered then either.
std::vector<std::optional<common::ApiError>> admit_lesson_requests(
    common::db::Transaction& tx, const std::vector<const VerifiedPeer*>& peers);

}  // namespace hindsight::federation
