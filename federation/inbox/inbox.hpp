// POST /federation/v1/inbox (FEDERATION.md, "Inbox"): a publisher's signed event, after the
// request's signature verified. Subscription events move this instance's subscription to the
// sender; lesson events are verified as signed documents of the sender and stored by version.
// Runs in the transaction that records the request's nonce, so a refused event stores nothing.
#pragma once

#include <optional>
#include <string_view>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/inbound/verified_peer.hpp"
#include "federation/inbox/received_lessons.hpp"

namespace hindsight::federation {

struct InboxOutcome {
  bool pull_due = false;  // the subscription became accepted, or a version was skipped
};

// Throws common::ApiError: 400 for an event that is not the protocol's shape, 403 for a lesson
// event without an accepted subscription to the sender, 404 for an unknown subscription, 422 for
// a document that does not verify or is not the sender's.
InboxOutcome receive_inbox_event(common::db::Transaction& tx, const VerifiedPeer& peer,
                                 std::string_view body);

// A lesson event that passes every check of its own (shape, document, signature): its verified
// document, to be admitted and stored with others (inbox_groups). Anything else, an event that
// would be refused included, is none: receive_inbox_event answers it with its refusal in order.
std::optional<VerifiedLessonDocument> well_formed_lesson_event(const VerifiedPeer& peer,
                                                               std::string_view body);

// What storing a pushed lesson event means for the inbox.
InboxOutcome lesson_outcome(const VerifiedLessonDocument& verified, const StoredLesson& stored);

// The sender's keys valid now, as a lookup for verify_signed_document.
PublicKeyLookup lookup_in(const std::vector<PeerKey>& keys);

// 422 with the document's reason.
common::ApiError document_refused(const SignedDocumentError& e);

}  // namespace hindsight::federation
