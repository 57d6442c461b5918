// Signed lesson documents (docs/federation.md, "Signed lesson documents"):
// {"lesson": {...}, "signature": {"keyid": ..., "alg": "ed25519", "value": <base64>}}, the
// signature being Ed25519 over the RFC 8785 canonical form of `lesson`.
//
// A receiver verifies in two steps, so that it can fetch the sender's discovery document (which
// is asynchronous) between them:
//   auto received = read_signed_document(body, sender_origin);  // learns received.key_id
//   ... make sure the sender's keys are known, e.g. a discovery refetch for an unknown key id ...
//   auto verified = verify_signed_document(received, lookup);   // a synchronous key lookup
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/crypto/ed25519.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/documents/strict_json.hpp"

namespace hindsight::federation {

inline constexpr const char* kDocumentSignatureAlgorithm = "ed25519";

// Why a signed lesson document was refused: FEDERATION.md answers every one of them with 422.
class SignedDocumentError : public std::runtime_error {
 public:
  enum class Reason {
    kTooLarge,            // the bytes are over the limit
    kMalformedJson,       // not JSON, or nested too deep
    kDuplicateMember,     // an object with two members of one name, at any depth
    kMalformedEnvelope,   // not {"lesson": {...}, "signature": {...}}, or a signature member
                          // missing or of the wrong type, or `value` not 64 bytes of base64
    kWrongAlgorithm,      // alg is not ed25519
    kBadKeyId,            // keyid is not a discovery key id "<origin>/.well-known/hindsight#..."
    kKeyOfAnotherOrigin,  // the keyid's origin is not the lesson's origin
    kNotFromSender,       // the lesson's origin is not the instance that sent it
    kUnknownKey,          // the key lookup has no such key (unknown, revoked or expired)
    kBadSignature,        // the signature does not verify over the canonical `lesson`
    kInvalidLesson,       // the signature verifies, but `lesson` has not the protocol's shape
  };
  SignedDocumentError(Reason reason, const std::string& message)
      : std::runtime_error(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

// {"lesson": lesson, "signature": {"keyid": key_id, "alg": "ed25519", "value": base64 of the
// Ed25519 signature of canonical_json(lesson)}}. The lesson is not checked here: the publisher
// signs the document it made and stored with make_lesson_document. Throws CanonicalJsonError
// when `lesson` has no canonical form.
nlohmann::json sign_lesson_document(const nlohmann::json& lesson, std::string_view key_id,
                                    const common::crypto::Ed25519PrivateKey& key);

// A signed document whose envelope and origins have been checked, its signature not yet.
struct SignedLessonDocument {
  nlohmann::json lesson;  // exactly as received: unknown members included, as the signature covers
  std::string key_id;
  std::string signature;  // the 64 raw bytes
};

// Reads `bytes` as a signed lesson document, parsed with parse_strict_json (at most `max_bytes`,
// no duplicate member names at any depth, bounded depth), and checks, in this order: the envelope
// and signature shapes; alg; that keyid is a discovery key id of the lesson's origin; that the
// lesson's origin is `sender_origin` (in normal form). Throws SignedDocumentError.
SignedLessonDocument read_signed_document(std::string_view bytes, std::string_view sender_origin,
                                          std::size_t max_bytes = kMaxStrictJsonBytes);
// The same for a document inside a larger body (an inbox event's `document`, an item of a pull
// answer), which the caller parsed with parse_strict_json: any other parse could have dropped a
// duplicate member.
SignedLessonDocument read_embedded_signed_document(const nlohmann::json& document,
                                                   std::string_view sender_origin);

// The sender's public key for a key id, or nullopt when it has no such valid key.
using PublicKeyLookup =
    std::function<std::optional<common::crypto::Ed25519PublicKey>(const std::string& key_id)>;

struct VerifiedLessonDocument {
  LessonDocument document;        // the typed reading of received.lesson
  SignedLessonDocument received;  // what to keep to show the document verifiable later
};

// Looks the key up, verifies the signature over canonical_json(received.lesson), then reads the
// lesson strictly (parse_lesson_document). Throws SignedDocumentError (kUnknownKey,
// kBadSignature, kInvalidLesson with the member's path in the message).
VerifiedLessonDocument verify_signed_document(SignedLessonDocument received,
                                              const PublicKeyLookup& lookup);
// Both steps at once, for a caller that already holds the sender's keys.
VerifiedLessonDocument verify_signed_document(std::string_view bytes,
                                              std::string_view sender_origin,
                                              const PublicKeyLookup& lookup);

}  // namespace hindsight::federation
