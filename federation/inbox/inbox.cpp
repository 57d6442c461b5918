#include "federation/inbox/inbox.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "federation/documents/strict_json.hpp"
#include "federation/inbound/refusals.hpp"
#include "federation/subscriptions/outgoing_subscriptions.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxIdChars = 200;

const std::string& required_text(const json& event, const char* name) {
  auto it = event.find(name);
  if (it == event.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    throw ApiError::validation(name, fmt::format("{} must be a non-empty string", name));
  if (it->get_ref<const std::string&>().find('\0') != std::string::npos)
    throw ApiError::validation(name, fmt::format("{} holds a NUL character", name));
  if (it->get_ref<const std::string&>().size() > kMaxIdChars)
    throw ApiError::validation(name, fmt::format("{} is at most {} bytes", name, kMaxIdChars));
  return it->get_ref<const std::string&>();
}

bool is_lesson_event(std::string_view type) {
  return type == "lesson.published" || type == "lesson.updated" || type == "lesson.retracted";
}

// The event's document, verified as the sender's, in FEDERATION.md's order: the event's shape
// (400), the subscription (403, when `subscription_checked`), then the document (422).
VerifiedLessonDocument read_lesson_event(const VerifiedPeer& peer, const std::string& type,
                                         const json& event, bool subscription_checked) {
  required_text(event, "event_id");
  auto document = event.find("document");
  if (document == event.end() || !document->is_object())
    throw ApiError::validation("document", "document must be a signed lesson document");
  if (subscription_checked && !peer.publishes_to_us) throw lesson_refused_from(peer.origin);
  VerifiedLessonDocument verified;
  try {
    verified = verify_signed_document(read_embedded_signed_document(*document, peer.origin),
                                      lookup_in(peer.keys));
  } catch (const SignedDocumentError& e) {
    throw document_refused(e);
  }
  if ((type == "lesson.retracted") != verified.document.retracted)
    throw ApiError(422, "invalid_document",
                   fmt::format("a {} event carries a document that {} a retraction", type,
                               verified.document.retracted ? "is" : "is not"),
                   "document");
  return verified;
}

json parse_event(std::string_view body) {
  json event;
  try {
    event = parse_strict_json(body);
  } catch (const StrictJsonError& e) {
    throw ApiError::bad_request("invalid_json", e.what());
  }
  if (!event.is_object()) throw ApiError::bad_request("invalid_json", "an event is a JSON object");
  return event;
}

}  // namespace

PublicKeyLookup lookup_in(const std::vector<PeerKey>& keys) {
  return [&keys](const std::string& key_id) -> std::optional<common::crypto::Ed25519PublicKey> {
    for (const auto& k : keys)
      if (k.id == key_id) return common::crypto::Ed25519PublicKey::from_raw(k.public_key);
    return std::nullopt;
  };
}

ApiError document_refused(const SignedDocumentError& e) {
  return ApiError(422, "invalid_document",
                  std::string("the lesson document is refused: ") + e.what(), "document");
}

InboxOutcome lesson_outcome(const VerifiedLessonDocument& verified, const StoredLesson& stored) {
  // A skipped version means a push was lost on the way: a pull fills the gap.
  InboxOutcome outcome;
  outcome.pull_due = stored.applied && stored.previous_version &&
                     verified.document.version > *stored.previous_version + 1;
  return outcome;
}

std::optional<VerifiedLessonDocument> well_formed_lesson_event(const VerifiedPeer& peer,
                                                               std::string_view body) {
  try {
    json event = parse_event(body);
    const std::string& type = required_text(event, "type");
    if (!is_lesson_event(type)) return std::nullopt;
    return read_lesson_event(peer, type, event, false);
  } catch (const ApiError&) {
    return std::nullopt;
  }
}

InboxOutcome receive_inbox_event(db::Transaction& tx, const VerifiedPeer& peer,
                                 std::string_view body) {
  json event = parse_event(body);
  const std::string& type = required_text(event, "type");
  if (is_lesson_event(type)) {
    auto verified = read_lesson_event(peer, type, event, true);
    return lesson_outcome(verified, store_received_lesson(tx, verified, ReceivedVia::push));
  }
  auto subscription_event = subscription_event_from(type);
  if (!subscription_event)
    throw ApiError::validation("type", fmt::format("'{}' is not an event type of this protocol",
                                                   type.substr(0, kMaxIdChars)));
  InboxOutcome outcome;
  outcome.pull_due = apply_subscription_event(tx, peer.origin, *subscription_event,
                                              required_text(event, "subscription"))
                         .became_accepted;
  return outcome;
}

}  // namespace hindsight::federation
