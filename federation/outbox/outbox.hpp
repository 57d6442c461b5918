// What this instance owes its peers, written in the transaction of the change that owes it
// (docs/federation.md, "Delivery"): a lesson version for each accepted subscriber whose topics it
// matches, a tombstone for one it no longer matches, and the subscription events a peer must
// hear. The delivery worker sends them; nothing here talks to the network.
#pragma once

#include <string>
#include <string_view>

#include "common/db/transaction.hpp"

namespace hindsight::federation {

// Queues version `version` of lesson `lesson_id` (just written to lesson_versions) for every
// accepted, unblocked subscriber that may see it: the version itself when it matches the
// subscriber's topics, a retraction numbered `version` when only an earlier version did.
// Returns how many rows were queued.
long long queue_lesson_version(common::db::Transaction& tx, const std::string& lesson_id,
                               int version);

// `event_type`: subscription.accepted, .rejected or .revoked (to the subscriber's inbox), or
// subscription.cancel (a DELETE of the subscription at its publisher).
void queue_subscription_event(common::db::Transaction& tx, const std::string& subscription_id,
                              const std::string& peer_origin, std::string_view event_type);

// Drops every lesson queued for `peer_origin` (its subscription ended or it was blocked); the
// subscription events stay. Returns how many were dropped.
long long drop_queued_lessons(common::db::Transaction& tx, const std::string& peer_origin);

}  // namespace hindsight::federation
