// Signed lesson documents: the publisher's signature over the canonical `lesson`, and every
// check of the receiver's verifier, each refusal with its reason.
#include "federation/documents/signed_lesson_document.hpp"

#include <gtest/gtest.h>

#include <map>

#include "common/crypto/encoding.hpp"
#include "federation/documents/canonical_json.hpp"

namespace hindsight::federation {
namespace {

using common::crypto::Ed25519PrivateKey;
using common::crypto::Ed25519PublicKey;
using nlohmann::json;
using Reason = SignedDocumentError::Reason;

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

const std::string kOrigin = "https://a.example";
const std::string kKeyId = "https://a.example/.well-known/hindsight#k0123456789abcdef";
const std::string kNewKeyId = "https://a.example/.well-known/hindsight#kfedcba9876543210";
const std::string kOtherKeyId = "https://b.example/.well-known/hindsight#k0123456789abcdef";

// RFC 8032 section 7.1, TEST 1's secret key.
Ed25519PrivateKey signing_key() {
  return Ed25519PrivateKey::from_raw(
      from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
}

LessonFields sample_fields() {
  LessonFields f;
  f.title = "Replica lag after [HOST-1] failover";
  f.services = {"db"};
  f.summary = "Reads went stale.\nWrites were fine.";
  f.impact = "12 minutes of stale reads";
  f.timeline = {{"PT6M", "alert fired"}, {std::nullopt, "paged"}};
  f.trigger = "failover";
  f.contributing_factors = {{"process", "no runbook"}};
  f.detection = "alert";
  f.resolution = "rebuilt replica";
  f.went_well = "fast page";
  f.went_poorly = "slow rebuild";
  f.lucky = "low traffic";
  f.action_items = {{"write runbook", "assigned engineer", "open"}};
  f.lessons_learned = "test failovers";
  return f;
}

LessonDocument sample_document() {
  return make_lesson_document(kOrigin, "0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c", 3,
                              "2026-12-01T10:00:00Z", {"database", "r\xc3\xa9plication"}, "SEV2",
                              sample_fields());
}

// The receiver's view of the sender's keys: a.example's current key.
class SignedLessonDocumentTest : public ::testing::Test {
 protected:
  std::map<std::string, Ed25519PublicKey> keys{
      {kKeyId, Ed25519PublicKey::from_raw(signing_key().public_key())}};
  int lookups = 0;
  PublicKeyLookup lookup = [this](const std::string& key_id) -> std::optional<Ed25519PublicKey> {
    ++lookups;
    auto it = keys.find(key_id);
    if (it == keys.end()) return std::nullopt;
    return it->second;
  };

  std::string signed_bytes(const json& lesson, const std::string& key_id = kKeyId) {
    return sign_lesson_document(lesson, key_id, signing_key()).dump();
  }

  // The reason `bytes` from `sender` is refused, or nullopt when it verifies.
  std::optional<Reason> refusal(const std::string& bytes, const std::string& sender = kOrigin) {
    try {
      verify_signed_document(bytes, sender, lookup);
    } catch (const SignedDocumentError& e) {
      return e.reason();
    }
    return std::nullopt;
  }
};

TEST_F(SignedLessonDocumentTest, VerifiesWhatThePublisherSigned) {
  std::string bytes = signed_bytes(to_json(sample_document()));
  VerifiedLessonDocument verified = verify_signed_document(bytes, kOrigin, lookup);
  EXPECT_EQ(verified.document, sample_document());
  EXPECT_EQ(verified.received.key_id, kKeyId);
  EXPECT_EQ(verified.received.lesson, to_json(sample_document()));
  EXPECT_EQ(lookups, 1);
}

// The expected value was computed apart from this code, with Python's `cryptography` package
// over the same lesson serialized with sorted keys and no spaces (its JCS form: ASCII member
// names, integers, strings without escapes beyond \n).
TEST_F(SignedLessonDocumentTest, SignsTheCanonicalFormAsAnotherImplementationDoes) {
  json lesson = to_json(sample_document());
  json document = sign_lesson_document(lesson, kKeyId, signing_key());
  EXPECT_EQ(canonical_json(lesson),
            "{\"fields\":{\"action_items\":[{\"owner_role\":\"assigned engineer\",\"status\":"
            "\"open\",\"text\":\"write runbook\"}],\"contributing_factors\":[{\"category\":"
            "\"process\",\"text\":\"no runbook\"}],\"detection\":\"alert\",\"impact\":\"12 "
            "minutes of stale reads\",\"lessons_learned\":\"test failovers\",\"lucky\":\"low "
            "traffic\",\"resolution\":\"rebuilt replica\",\"services\":[\"db\"],\"summary\":"
            "\"Reads went stale.\\nWrites were fine.\",\"timeline\":[{\"offset\":\"PT6M\","
            "\"text\":\"alert fired\"},{\"offset\":null,\"text\":\"paged\"}],\"title\":\"Replica "
            "lag after [HOST-1] failover\",\"trigger\":\"failover\",\"went_poorly\":\"slow "
            "rebuild\",\"went_well\":\"fast page\"},\"id\":\"https://a.example/lessons/"
            "0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c\",\"origin\":\"https://a.example\","
            "\"published_at\":\"2026-12-01T10:00:00Z\",\"retracted\":false,\"severity\":\"SEV2\","
            "\"tags\":[\"database\",\"r\xc3\xa9plication\"],\"version\":3}");
  EXPECT_EQ(document["signature"],
            json({{"keyid", kKeyId},
                  {"alg", "ed25519"},
                  {"value",
                   "LvedRuBtKlEwaztHJWUMPZqImEX4V6GhcQ5/z3rEdCecmv7TYFXNsnh3Zf8DihNcYKxufYIrqjlK/"
                   "c7QjOEyBg=="}}));
  EXPECT_EQ(document["lesson"], lesson);
}

// The signature covers the canonical form, so the order of members and the spacing and escapes
// of the JSON as it travelled do not matter.
TEST_F(SignedLessonDocumentTest, VerifiesWhateverOrderAndSpacingTheJsonTravelledIn) {
  std::string signature =
      sign_lesson_document(to_json(sample_document()), kKeyId, signing_key())["signature"]["value"];
  std::string bytes = R"(
  { "signature" : { "value" : ")" +
                      signature + R"(", "alg":"ed25519",
                    "keyid":")" +
                      kKeyId +
                      R"(" },
    "lesson" : {
      "version" : 3 , "tags" : [ "database", "r\u00e9plication" ],
      "fields" : {
        "went_well":"fast page", "went_poorly":"slow rebuild", "lucky":"low traffic",
        "timeline":[ {"text":"alert fired","offset":"PT6M"}, {"text":"paged","offset":null} ],
        "title":"Replica lag after [HOST\u002d1] failover", "trigger":"failover",
        "summary":"Reads went stale.\nWrites were fine.", "services":["db"],
        "resolution":"rebuilt replica", "lessons_learned":"test failovers",
        "impact":"12 minutes of stale reads", "detection":"alert",
        "contributing_factors":[{"text":"no runbook","category":"process"}],
        "action_items":[{"status":"open","owner_role":"assigned engineer","text":"write runbook"}]
      },
      "severity":"SEV2", "retracted":false, "published_at":"2026-12-01T10:00:00Z",
      "origin":"https:\/\/a.example",
      "id":"https://a.example/lessons/0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c"
    }
  }
)";
  EXPECT_EQ(verify_signed_document(bytes, kOrigin, lookup).document, sample_document());
}

TEST_F(SignedLessonDocumentTest, ATamperedFieldIsRefused) {
  json document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  document["lesson"]["fields"]["timeline"][1]["offset"] = "PT9M";
  EXPECT_EQ(refusal(document.dump()), Reason::kBadSignature);
  document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  document["lesson"]["version"] = 4;
  EXPECT_EQ(refusal(document.dump()), Reason::kBadSignature);
  // A member added after signing counts as a change too.
  document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  document["lesson"]["note"] = "added";
  EXPECT_EQ(refusal(document.dump()), Reason::kBadSignature);
}

TEST_F(SignedLessonDocumentTest, ATamperedSignatureIsRefused) {
  json document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  std::string raw =
      *common::crypto::base64_decode(document["signature"]["value"].get<std::string>());
  raw[10] = static_cast<char>(raw[10] ^ 0x01);
  document["signature"]["value"] = common::crypto::base64_encode(raw);
  EXPECT_EQ(refusal(document.dump()), Reason::kBadSignature);

  document["signature"]["value"] = common::crypto::base64_encode(raw.substr(0, 63));
  EXPECT_EQ(refusal(document.dump()), Reason::kMalformedEnvelope);
  document["signature"]["value"] = common::crypto::base64url_encode(raw);
  EXPECT_EQ(refusal(document.dump()), Reason::kMalformedEnvelope);
  document["signature"]["value"] = 7;
  EXPECT_EQ(refusal(document.dump()), Reason::kMalformedEnvelope);
}

TEST_F(SignedLessonDocumentTest, ALessonFromAnotherInstanceThanTheSenderIsRefused) {
  std::string bytes = signed_bytes(to_json(sample_document()));
  EXPECT_EQ(refusal(bytes, "https://b.example"), Reason::kNotFromSender);
  EXPECT_EQ(refusal(bytes, "https://a.example:8443"), Reason::kNotFromSender);
  EXPECT_EQ(lookups, 0);
}

TEST_F(SignedLessonDocumentTest, AKeyOfAnotherOriginIsRefused) {
  // Signed by b.example for a lesson claiming a.example, sent by either.
  keys.emplace(kOtherKeyId, Ed25519PublicKey::from_raw(signing_key().public_key()));
  std::string bytes = signed_bytes(to_json(sample_document()), kOtherKeyId);
  EXPECT_EQ(refusal(bytes, kOrigin), Reason::kKeyOfAnotherOrigin);
  EXPECT_EQ(refusal(bytes, "https://b.example"), Reason::kKeyOfAnotherOrigin);
  EXPECT_EQ(lookups, 0);
}

TEST_F(SignedLessonDocumentTest, AKeyIdThatIsNoDiscoveryKeyIdIsRefused) {
  for (const std::string& key_id :
       {std::string("k0123456789abcdef"), std::string("https://a.example#k1"),
        std::string("https://a.example/.well-known/hindsight#"),
        std::string("https://A.example/.well-known/hindsight#k1")})
    EXPECT_EQ(refusal(signed_bytes(to_json(sample_document()), key_id)), Reason::kBadKeyId)
        << key_id;
}

TEST_F(SignedLessonDocumentTest, AnotherAlgorithmIsRefused) {
  json document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  document["signature"]["alg"] = "Ed25519";
  EXPECT_EQ(refusal(document.dump()), Reason::kWrongAlgorithm);
  document["signature"].erase("alg");
  EXPECT_EQ(refusal(document.dump()), Reason::kMalformedEnvelope);
}

TEST_F(SignedLessonDocumentTest, AnUnknownKeyIsRefused) {
  keys.clear();
  EXPECT_EQ(refusal(signed_bytes(to_json(sample_document()))), Reason::kUnknownKey);
  EXPECT_EQ(lookups, 1);
}

// After `hindsight keys rotate` the sender signs with its new key, while documents it signed
// just before still verify with the old one, which stays valid until its not_after.
TEST_F(SignedLessonDocumentTest, ADocumentSignedByAnOlderKeyVerifiesWithThatKey) {
  Ed25519PrivateKey new_key = Ed25519PrivateKey::generate();
  keys.emplace(kNewKeyId, Ed25519PublicKey::from_raw(new_key.public_key()));
  json lesson = to_json(sample_document());
  std::string old_signed = sign_lesson_document(lesson, kKeyId, signing_key()).dump();
  std::string new_signed = sign_lesson_document(lesson, kNewKeyId, new_key).dump();
  EXPECT_EQ(refusal(old_signed), std::nullopt);
  EXPECT_EQ(refusal(new_signed), std::nullopt);
  // Each signature verifies only with the key its keyid names.
  std::string swapped = sign_lesson_document(lesson, kNewKeyId, signing_key()).dump();
  EXPECT_EQ(refusal(swapped), Reason::kBadSignature);
  // Once the old key is gone from discovery, what it signed no longer verifies.
  keys.erase(kKeyId);
  EXPECT_EQ(refusal(old_signed), Reason::kUnknownKey);
}

TEST_F(SignedLessonDocumentTest, DuplicateMemberNamesAreRefusedAtTheTop) {
  json document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  std::string lesson = document["lesson"].dump();
  std::string signature = document["signature"].dump();
  EXPECT_EQ(refusal("{\"lesson\":" + lesson + ",\"signature\":" + signature +
                    ",\"lesson\":" + lesson + "}"),
            Reason::kDuplicateMember);
  EXPECT_EQ(refusal("{\"signature\":" + signature + ",\"lesson\":" + lesson +
                    ",\"signature\":" + signature + "}"),
            Reason::kDuplicateMember);
}

// The attack: the publisher signed one title; a receiver that kept the last of two titles would
// show another one under a valid signature.
TEST_F(SignedLessonDocumentTest, DuplicateMemberNamesAreRefusedInsideTheLesson) {
  json document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  std::string bytes = document.dump();
  std::string title = "\"title\":\"Replica lag after [HOST-1] failover\"";
  ASSERT_NE(bytes.find(title), std::string::npos);
  std::string doubled = bytes;
  doubled.replace(doubled.find(title), title.size(), title + ",\"title\":\"Nothing happened\"");
  EXPECT_EQ(refusal(doubled), Reason::kDuplicateMember);

  std::string offset = "\"offset\":\"PT6M\"";
  ASSERT_NE(bytes.find(offset), std::string::npos);
  doubled = bytes;
  doubled.replace(doubled.find(offset), offset.size(), offset + ",\"offset\":\"PT6M\"");
  EXPECT_EQ(refusal(doubled), Reason::kDuplicateMember);

  std::string alg = "\"alg\":\"ed25519\"";
  doubled = bytes;
  doubled.replace(doubled.find(alg), alg.size(), alg + ",\"alg\":\"ed25519\"");
  EXPECT_EQ(refusal(doubled), Reason::kDuplicateMember);
}

// Equal names in different objects are not duplicates.
TEST_F(SignedLessonDocumentTest, EqualNamesInDifferentObjectsAreFine) {
  json lesson = to_json(sample_document());
  lesson["fields"]["timeline"].push_back({{"offset", "PT7M"}, {"text", "again"}});
  EXPECT_EQ(refusal(signed_bytes(lesson)), std::nullopt);
}

TEST_F(SignedLessonDocumentTest, ARetractionWithFieldsIsRefused) {
  json lesson = to_json(sample_document());
  lesson["retracted"] = true;
  try {
    verify_signed_document(signed_bytes(lesson), kOrigin, lookup);
    FAIL() << "accepted a retraction with fields";
  } catch (const SignedDocumentError& e) {
    EXPECT_EQ(e.reason(), Reason::kInvalidLesson);
    EXPECT_EQ(std::string(e.what()), "lesson.fields: a retraction carries no fields");
  }
}

TEST_F(SignedLessonDocumentTest, ALessonWithoutFieldsThatIsNoRetractionIsRefused) {
  json lesson = to_json(sample_document());
  lesson.erase("fields");
  EXPECT_EQ(refusal(signed_bytes(lesson)), Reason::kInvalidLesson);
}

TEST_F(SignedLessonDocumentTest, ARetractionVerifies) {
  LessonDocument retraction =
      make_lesson_document(kOrigin, "0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c", 4,
                           "2026-12-02T10:00:00Z", {"database"}, "SEV2", std::nullopt);
  EXPECT_EQ(verify_signed_document(signed_bytes(to_json(retraction)), kOrigin, lookup).document,
            retraction);
}

TEST_F(SignedLessonDocumentTest, ALessonOfTheWrongShapeIsRefusedNamingTheMember) {
  json lesson = to_json(sample_document());
  lesson["fields"]["timeline"][1]["offset"] = 360;
  try {
    verify_signed_document(signed_bytes(lesson), kOrigin, lookup);
    FAIL() << "accepted a numeric offset";
  } catch (const SignedDocumentError& e) {
    EXPECT_EQ(e.reason(), Reason::kInvalidLesson);
    EXPECT_EQ(std::string(e.what()).rfind("lesson.fields.timeline[1].offset: ", 0), 0u) << e.what();
  }
}

// Members this version does not know verify, and are kept in what was received.
TEST_F(SignedLessonDocumentTest, UnknownMembersAreSignedAndKept) {
  json lesson = to_json(sample_document());
  lesson["language"] = "en";
  lesson["fields"]["timeline"][0]["source"] = {{"kind", "pager"}, {"weight", 0.5}};
  VerifiedLessonDocument verified = verify_signed_document(signed_bytes(lesson), kOrigin, lookup);
  EXPECT_EQ(verified.document, sample_document());
  EXPECT_EQ(verified.received.lesson, lesson);
}

TEST_F(SignedLessonDocumentTest, TheKeyIdIsKnownBeforeAnyKeyIsLookedUp) {
  SignedLessonDocument received =
      read_signed_document(signed_bytes(to_json(sample_document())), kOrigin);
  EXPECT_EQ(received.key_id, kKeyId);
  EXPECT_EQ(received.signature.size(), 64u);
  EXPECT_EQ(lookups, 0);
  EXPECT_EQ(verify_signed_document(received, lookup).document, sample_document());
}

// An inbox event holds the document; the body is parsed strictly once, then the document read.
TEST_F(SignedLessonDocumentTest, ReadsADocumentInsideALargerBody) {
  json event = {
      {"type", "lesson.published"},
      {"event_id", "9a1b"},
      {"document", sign_lesson_document(to_json(sample_document()), kKeyId, signing_key())}};
  json body = parse_strict_json(event.dump());
  auto verified =
      verify_signed_document(read_embedded_signed_document(body["document"], kOrigin), lookup);
  EXPECT_EQ(verified.document, sample_document());
}

TEST_F(SignedLessonDocumentTest, WhatIsNotASignedDocumentIsRefused) {
  std::string lesson = to_json(sample_document()).dump();
  EXPECT_EQ(refusal(""), Reason::kMalformedJson);
  EXPECT_EQ(refusal("{\"lesson\":"), Reason::kMalformedJson);
  EXPECT_EQ(refusal("[]"), Reason::kMalformedEnvelope);
  EXPECT_EQ(refusal(lesson), Reason::kMalformedEnvelope);
  EXPECT_EQ(refusal("{\"lesson\":" + lesson + "}"), Reason::kMalformedEnvelope);
  EXPECT_EQ(refusal("{\"lesson\":[],\"signature\":{}}"), Reason::kMalformedEnvelope);
  json document = sign_lesson_document(to_json(sample_document()), kKeyId, signing_key());
  document["lesson"].erase("origin");
  EXPECT_EQ(refusal(document.dump()), Reason::kInvalidLesson);
  // Text that is not UTF-8.
  std::string bytes = signed_bytes(to_json(sample_document()));
  bytes.replace(bytes.find("failover"), 1, "\xff");
  EXPECT_EQ(refusal(bytes), Reason::kMalformedJson);
}

TEST_F(SignedLessonDocumentTest, InputIsBounded) {
  json lesson = to_json(sample_document());
  lesson["fields"]["summary"] = std::string(kMaxStrictJsonBytes, 'a');
  EXPECT_EQ(refusal(signed_bytes(lesson)), Reason::kTooLarge);
  std::string deep = std::string(100, '[') + std::string(100, ']');
  EXPECT_EQ(refusal(deep), Reason::kMalformedJson);
}

}  // namespace
}  // namespace hindsight::federation
