#include "federation/documents/signed_lesson_document.hpp"

#include "common/crypto/encoding.hpp"
#include "federation/discovery/origin.hpp"
#include "federation/documents/canonical_json.hpp"

namespace hindsight::federation {
using nlohmann::json;
using Reason = SignedDocumentError::Reason;

namespace {

[[noreturn]] void refuse(Reason reason, const std::string& message) {
  throw SignedDocumentError(reason, message);
}

const json& object_member(const json& object, const char* name, const char* path) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_object())
    refuse(Reason::kMalformedEnvelope, std::string(path) + " must be an object");
  return *it;
}

const std::string& string_member(const json& object, const char* name, const char* path) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string())
    refuse(Reason::kMalformedEnvelope, std::string(path) + " must be a string");
  return it->get_ref<const std::string&>();
}

Reason reason_of(StrictJsonError::Reason reason) {
  switch (reason) {
    case StrictJsonError::Reason::kTooLarge:
      return Reason::kTooLarge;
    case StrictJsonError::Reason::kDuplicateMember:
      return Reason::kDuplicateMember;
    case StrictJsonError::Reason::kMalformed:
    case StrictJsonError::Reason::kTooDeep:
      break;
  }
  return Reason::kMalformedJson;
}

}  // namespace

json sign_lesson_document(const json& lesson, std::string_view key_id,
                          const common::crypto::Ed25519PrivateKey& key) {
  std::string signature = key.sign(canonical_json(lesson));
  return {{"lesson", lesson},
          {"signature",
           {{"keyid", std::string(key_id)},
            {"alg", kDocumentSignatureAlgorithm},
            {"value", common::crypto::base64_encode(signature)}}}};
}

SignedLessonDocument read_signed_document(std::string_view bytes, std::string_view sender_origin,
                                          std::size_t max_bytes) {
  json document;
  try {
    document = parse_strict_json(bytes, max_bytes);
  } catch (const StrictJsonError& e) {
    refuse(reason_of(e.reason()), std::string("the signed lesson document is ") + e.what());
  }
  return read_embedded_signed_document(document, sender_origin);
}

SignedLessonDocument read_embedded_signed_document(const json& document,
                                                   std::string_view sender_origin) {
  if (!document.is_object())
    refuse(Reason::kMalformedEnvelope, "a signed lesson document must be an object");
  const json& lesson = object_member(document, "lesson", "lesson");
  const json& signature = object_member(document, "signature", "signature");
  if (string_member(signature, "alg", "signature.alg") != kDocumentSignatureAlgorithm)
    refuse(Reason::kWrongAlgorithm, "signature.alg must be ed25519");
  const std::string& key_id = string_member(signature, "keyid", "signature.keyid");
  auto value = common::crypto::base64_decode(string_member(signature, "value", "signature.value"));
  if (!value || value->size() != common::crypto::kEd25519SignatureBytes)
    refuse(Reason::kMalformedEnvelope,
           "signature.value must be standard base64 of a 64-byte Ed25519 signature");

  auto origin = lesson.find("origin");
  if (origin == lesson.end() || !origin->is_string())
    refuse(Reason::kInvalidLesson, "lesson.origin: must be a string");
  auto key_origin = origin_of_key_id(key_id);
  if (!key_origin)
    refuse(Reason::kBadKeyId,
           "signature.keyid must be a key id <origin>/.well-known/hindsight#<key>");
  if (*key_origin != origin->get_ref<const std::string&>())
    refuse(Reason::kKeyOfAnotherOrigin,
           "signature.keyid is a key of " + *key_origin + ", not of the lesson's origin");
  if (*key_origin != sender_origin)
    refuse(Reason::kNotFromSender, "lesson.origin is " + *key_origin +
                                       ", not the sending instance " + std::string(sender_origin));
  return {lesson, key_id, std::move(*value)};
}

VerifiedLessonDocument verify_signed_document(SignedLessonDocument received,
                                              const PublicKeyLookup& lookup) {
  auto key = lookup(received.key_id);
  if (!key) refuse(Reason::kUnknownKey, "signature.keyid names no valid key of the sender");
  std::string canonical;
  try {
    canonical = canonical_json(received.lesson);
  } catch (const CanonicalJsonError& e) {
    refuse(Reason::kMalformedJson, std::string("lesson has no canonical form: ") + e.what());
  }
  if (!key->verify(canonical, received.signature))
    refuse(Reason::kBadSignature,
           "signature.value does not verify over the canonical form of lesson");
  try {
    LessonDocument document = parse_lesson_document(received.lesson);
    return {std::move(document), std::move(received)};
  } catch (const LessonDocumentError& e) {
    refuse(Reason::kInvalidLesson, e.what());
  }
}

VerifiedLessonDocument verify_signed_document(std::string_view bytes,
                                              std::string_view sender_origin,
                                              const PublicKeyLookup& lookup) {
  return verify_signed_document(read_signed_document(bytes, sender_origin), lookup);
}

}  // namespace hindsight::federation
