// libFuzzer target for the signed lesson document verifier. Whatever the bytes:
// - verifying them either fails with SignedDocumentError or gives a document that reads back to
//   itself from its JSON form and that the publisher's factory rebuilds unchanged;
// - when they hold a `lesson`, that lesson signed here (so the strict reading of its shape is
//   reached, which forged bytes almost never do) and sent as JSON text always passes the
//   signature check: the canonical form survives serializing and parsing again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "federation/documents/canonical_json.hpp"
#include "federation/documents/signed_lesson_document.hpp"

namespace {

namespace federation = hindsight::federation;
using hindsight::common::crypto::Ed25519PrivateKey;
using hindsight::common::crypto::Ed25519PublicKey;
using nlohmann::json;
using Reason = federation::SignedDocumentError::Reason;

constexpr std::string_view kSender = "https://a.example";

// RFC 8032 section 7.1, TEST 1's secret key; the seed corpus is signed with it.
const Ed25519PrivateKey& fuzz_key() {
  static const Ed25519PrivateKey key = Ed25519PrivateKey::from_raw(std::string(
      "\x9d\x61\xb1\x9d\xef\xfd\x5a\x60\xba\x84\x4a\xf4\x92\xec\x2c\xc4\x44\x49\xc5\x69\x7b\x32"
      "\x69\x19\x70\x3b\xac\x03\x1c\xae\x7f\x60",
      32));
  return key;
}

// Every key id names the fuzz key: the origin checks, not the lookup, are under test.
std::optional<Ed25519PublicKey> lookup(const std::string&) {
  return Ed25519PublicKey::from_raw(fuzz_key().public_key());
}

[[noreturn]] void fail(const std::string& what, std::string_view input) {
  std::cerr << "lesson document property violated: " << what << "\ninput: " << input << "\n";
  std::abort();
}

void check_document(const federation::LessonDocument& document, std::string_view input) {
  if (federation::parse_lesson_document(federation::to_json(document)) != document)
    fail("the document does not read back from its JSON form", input);
  std::string prefix = document.origin + "/lessons/";
  auto rebuilt = federation::make_lesson_document(
      document.origin, std::string_view(document.id).substr(prefix.size()), document.version,
      document.published_at, document.tags, document.severity, document.fields);
  if (rebuilt != document) fail("the factory makes another document", input);
}

// Verifies `bytes` as sent by `sender`; returns the refusal's reason, or nullopt when it verified.
std::optional<Reason> verify(std::string_view bytes, std::string_view sender,
                             std::string_view input) {
  try {
    auto verified = federation::verify_signed_document(bytes, sender, lookup);
    check_document(verified.document, input);
  } catch (const federation::SignedDocumentError& e) {
    if (std::string_view(e.what()).empty()) fail("a refusal without a message", input);
    return e.reason();
  } catch (const std::exception& e) {
    fail(std::string("an exception other than SignedDocumentError: ") + e.what(), input);
  }
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  verify(input, kSender, input);

  json body;
  try {
    body = federation::parse_strict_json(input);
  } catch (const federation::StrictJsonError&) {
    return 0;
  }
  if (!body.is_object() || !body.contains("lesson")) return 0;
  const json& lesson = body["lesson"];
  std::string origin(kSender);
  if (lesson.is_object() && lesson.contains("origin") && lesson["origin"].is_string())
    origin = lesson["origin"].get<std::string>();
  std::string key_id = origin + "/.well-known/hindsight#kfuzz";
  std::string resigned;
  try {
    resigned = federation::sign_lesson_document(lesson, key_id, fuzz_key()).dump();
  } catch (const federation::CanonicalJsonError&) {
    return 0;
  }
  auto reason = verify(resigned, origin, input);
  if (reason == Reason::kBadSignature || reason == Reason::kMalformedJson ||
      reason == Reason::kDuplicateMember || reason == Reason::kUnknownKey)
    fail("a lesson signed here does not verify", input);
  return 0;
}
