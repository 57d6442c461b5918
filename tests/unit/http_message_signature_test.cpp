// RFC 9421 with Ed25519: the RFC's appendix B.2.6 example verified and reproduced, the signer
// and verifier round trip, and every tampering the verifier must catch.
#include "federation/signatures/http_message_signature.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "common/crypto/encoding.hpp"
#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/signature_base.hpp"
#include "federation/signatures/signature_checks.hpp"
#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {
namespace {

using Reason = SignatureError::Reason;
using common::crypto::Ed25519PrivateKey;
using common::crypto::Ed25519PublicKey;

template <typename Call>
std::optional<Reason> refusal(Call call) {
  try {
    call();
  } catch (const SignatureError& e) {
    return e.reason();
  }
  return std::nullopt;
}

// RFC 9421 appendix B.1.4, test-key-ed25519 (the raw keys of its JWK form).
Ed25519PrivateKey rfc_private_key() {
  return Ed25519PrivateKey::from_raw(
      *common::crypto::base64url_decode("n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU"));
}
Ed25519PublicKey rfc_public_key() {
  return Ed25519PublicKey::from_raw(
      *common::crypto::base64url_decode("JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"));
}

constexpr std::string_view kB26SignatureInput =
    R"(sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length"))"
    R"(;created=1618884473;keyid="test-key-ed25519")";
constexpr std::string_view kB26Signature =
    "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPp"
    "BKRCw==:";
// Appendix B.2.6's signature base, its line wrapping undone.
constexpr std::string_view kB26Base =
    "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
    "\"@method\": POST\n"
    "\"@path\": /foo\n"
    "\"@authority\": example.com\n"
    "\"content-type\": application/json\n"
    "\"content-length\": 18\n"
    "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
    "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

// Appendix B.2's test request, POST /foo?param=Value&Pet=dog to example.com over HTTPS.
HeaderFields rfc_test_request_headers() {
  return {{"Host", "example.com"},
          {"Date", "Tue, 20 Apr 2021 02:07:55 GMT"},
          {"Content-Type", "application/json"},
          {"Content-Digest",
           "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRw"
           "EmTHWXvJwew==:"},
          {"Content-Length", "18"},
          {"Signature-Input", std::string(kB26SignatureInput)},
          {"Signature", std::string(kB26Signature)}};
}

TEST(Rfc9421Example, B26SignatureBaseIsRebuiltExactly) {
  auto headers = rfc_test_request_headers();
  RequestParts request{"POST", "/foo?param=Value&Pet=dog", Origin::parse("https://example.com"),
                       field_lookup(headers)};
  auto received = read_signature(request.fields, "sig-b26");
  ASSERT_TRUE(received);
  EXPECT_EQ(signature_base(received->input, request), kB26Base);
  EXPECT_EQ(received->parameters.components,
            (std::vector<std::string>{"date", "@method", "@path", "@authority", "content-type",
                                      "content-length"}));
  EXPECT_EQ(received->parameters.created, 1618884473);
  EXPECT_EQ(received->parameters.keyid, "test-key-ed25519");
  EXPECT_FALSE(received->parameters.expires || received->parameters.nonce ||
               received->parameters.alg || received->parameters.tag);
}

TEST(Rfc9421Example, B26SignatureVerifiesWithTheTestKey) {
  auto headers = rfc_test_request_headers();
  RequestParts request{"POST", "/foo?param=Value&Pet=dog", Origin::parse("https://example.com"),
                       field_lookup(headers)};
  auto received = read_signature(request.fields, "sig-b26");
  ASSERT_TRUE(received);
  EXPECT_NO_THROW(verify_signature(*received, request, rfc_public_key()));
  request.method = "GET";
  EXPECT_EQ(refusal([&] { verify_signature(*received, request, rfc_public_key()); }),
            Reason::kBadSignature);
}

// Ed25519 is deterministic, so signing the same request reproduces the RFC's fields.
TEST(Rfc9421Example, B26FieldsAreReproducedBySigning) {
  auto headers = rfc_test_request_headers();
  RequestParts request{"POST", "/foo?param=Value&Pet=dog", Origin::parse("https://example.com"),
                       field_lookup(headers)};
  SignatureParameters parameters;
  parameters.components = {"date",       "@method",      "@path",
                           "@authority", "content-type", "content-length"};
  parameters.created = 1618884473;
  RequestSigner signer("test-key-ed25519", rfc_private_key());
  auto fields = signer.sign(request, parameters, "sig-b26");
  EXPECT_EQ(fields.signature_input, kB26SignatureInput);
  EXPECT_EQ(fields.signature, kB26Signature);
}

// A POST from a.example to b.example's inbox, as the protocol signs it.
class SignedRequest : public ::testing::Test {
 protected:
  static constexpr std::string_view kKeyId = "https://a.example/.well-known/hindsight#k1";
  const std::chrono::system_clock::time_point now_ =
      std::chrono::system_clock::time_point(std::chrono::seconds(1'767'225'600));
  const Ed25519PrivateKey key_ = Ed25519PrivateKey::generate();
  std::string method_ = "POST";
  std::string target_ = "/federation/v1/inbox";
  std::string origin_ = "https://b.example";
  std::string body_ = R"({"type":"lesson.published"})";
  HeaderFields headers_;

  void SetUp() override {
    headers_ = {{"Host", "b.example"},
                {"Content-Type", "application/json"},
                {"Content-Digest", content_digest_field(body_)}};
    RequestSigner signer(std::string(kKeyId), key_);
    auto [origin, target] = split_url("https://b.example/federation/v1/inbox");
    RequestParts outgoing{method_, target, origin, field_lookup(headers_)};
    auto fields = signer.sign(outgoing, true, now_);
    headers_.emplace_back("Signature-Input", fields.signature_input);
    headers_.emplace_back("Signature", fields.signature);
  }

  RequestParts received_request() const {
    return {method_, target_, Origin::parse(origin_), field_lookup(headers_)};
  }

  // What the receiver runs once the key is known: the checks, then the signature.
  std::optional<Reason> verify() const {
    return refusal([&] {
      auto request = received_request();
      auto received = read_signature(request.fields);
      if (!received) throw std::logic_error("no signature");
      check_required_parameters(received->parameters);
      check_nonce(received->parameters);
      check_time_window(received->parameters, now_);
      check_covered_components(received->parameters, true);
      verify_signature(*received, request, Ed25519PublicKey::from_raw(key_.public_key()));
    });
  }

  std::string& header(std::string_view name) {
    for (auto& [n, value] : headers_)
      if (n == name) return value;
    throw std::logic_error("no header " + std::string(name));
  }
};

TEST_F(SignedRequest, VerifiesAsSent) {
  EXPECT_EQ(verify(), std::nullopt);
}

TEST_F(SignedRequest, CarriesTheProtocolsSignatureInput) {
  auto request = received_request();
  auto received = read_signature(request.fields);
  ASSERT_TRUE(received);
  const auto& p = received->parameters;
  EXPECT_EQ(p.components,
            (std::vector<std::string>{"@method", "@target-uri", "content-digest", "content-type"}));
  EXPECT_EQ(p.created, 1'767'225'600);
  EXPECT_EQ(p.expires, 1'767'225'900);
  EXPECT_EQ(p.keyid, kKeyId);
  EXPECT_EQ(p.alg, "ed25519");
  EXPECT_EQ(p.tag, "hindsight-federation/1");
  ASSERT_TRUE(p.nonce);
  EXPECT_EQ(common::crypto::base64url_decode(*p.nonce)->size(), 16u);
  EXPECT_EQ(header("Signature-Input"),
            R"(hs=("@method" "@target-uri" "content-digest" "content-type"))"
            R"(;created=1767225600;expires=1767225900;nonce=")" +
                *p.nonce +
                R"(";keyid="https://a.example/.well-known/hindsight#k1")"
                R"(;alg="ed25519";tag="hindsight-federation/1")");
}

TEST_F(SignedRequest, AnotherMethodFails) {
  method_ = "PUT";
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, AnotherPathOrQueryFails) {
  target_ = "/federation/v1/lessons";
  EXPECT_EQ(verify(), Reason::kBadSignature);
  target_ = "/federation/v1/inbox?x=1";
  EXPECT_EQ(verify(), Reason::kBadSignature);
  target_ = "/federation/v1/%69nbox";  // the same path once decoded, not as it travelled
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, ReplayedAtAnotherInstanceFails) {
  origin_ = "https://c.example";
  EXPECT_EQ(verify(), Reason::kBadSignature);
  origin_ = "https://b.example:8443";
  EXPECT_EQ(verify(), Reason::kBadSignature);
  origin_ = "HTTPS://B.EXAMPLE:443";  // the same origin, normalized
  EXPECT_EQ(verify(), std::nullopt);
}

TEST_F(SignedRequest, ACoveredHeaderChangedFails) {
  header("Content-Type") = "text/plain";
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, AnotherBodyDigestFails) {
  header("Content-Digest") = content_digest_field("{}");
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, ASecondLineOfACoveredHeaderFails) {
  headers_.emplace_back("content-type", "text/html");
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, AMissingCoveredHeaderFails) {
  std::erase_if(headers_, [](const auto& h) { return h.first == "Content-Type"; });
  EXPECT_EQ(verify(), Reason::kComponentUnavailable);
}

TEST_F(SignedRequest, UncoveredHeadersMayChange) {
  header("Host") = "proxy.internal";
  headers_.emplace_back("X-Forwarded-For", "192.0.2.1");
  EXPECT_EQ(verify(), std::nullopt);
}

TEST_F(SignedRequest, FlippedSignatureBytesFail) {
  std::string& field = header("Signature");
  auto bytes = *common::crypto::base64_decode(field.substr(4, field.size() - 5));
  bytes[0] = static_cast<char>(bytes[0] ^ 0x01);
  field = "hs=:" + common::crypto::base64_encode(bytes) + ":";
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, AnyChangedParameterFails) {
  std::string original = header("Signature-Input");
  auto replace = [&](std::string_view from, std::string_view to) {
    std::string changed = original;
    changed.replace(changed.find(from), from.size(), to);
    header("Signature-Input") = changed;
  };
  replace(";created=1767225600", ";created=1767225601");
  EXPECT_EQ(verify(), Reason::kBadSignature);
  replace(";expires=1767225900", ";expires=1767225899");
  EXPECT_EQ(verify(), Reason::kBadSignature);
  replace(";nonce=\"", ";nonce=\"A");
  EXPECT_EQ(verify(), Reason::kBadSignature);
  replace("hindsight#k1", "hindsight#k2");
  EXPECT_EQ(verify(), Reason::kBadSignature);
  replace("\"content-type\")", "\"content-type\" \"host\")");
  EXPECT_EQ(verify(), Reason::kBadSignature);
  replace(";tag=\"hindsight-federation/1\"", ";tag=\"hindsight-federation/1\";extra=1");
  EXPECT_EQ(verify(), Reason::kBadSignature);
}

TEST_F(SignedRequest, AnotherKeyFails) {
  auto request = received_request();
  auto received = read_signature(request.fields);
  ASSERT_TRUE(received);
  auto other = Ed25519PublicKey::from_raw(Ed25519PrivateKey::generate().public_key());
  EXPECT_EQ(refusal([&] { verify_signature(*received, request, other); }), Reason::kBadSignature);
}

TEST_F(SignedRequest, AnotherAlgorithmNameFailsBeforeTheSignatureIsChecked) {
  std::string& field = header("Signature-Input");
  field.replace(field.find("alg=\"ed25519\""), 13, "alg=\"rsa-pss-sha512\"");
  auto request = received_request();
  auto received = read_signature(request.fields);
  ASSERT_TRUE(received);
  EXPECT_EQ(refusal([&] {
              verify_signature(*received, request, Ed25519PublicKey::from_raw(key_.public_key()));
            }),
            Reason::kWrongAlgorithm);
}

TEST_F(SignedRequest, AGetWithoutBodyCoversMethodAndTargetOnly) {
  RequestSigner signer("k", key_);
  HeaderFields headers;
  RequestParts outgoing{"GET", "/federation/v1/lessons?after=&limit=100",
                        Origin::parse("https://b.example"), field_lookup(headers)};
  auto fields = signer.sign(outgoing, false, now_);
  EXPECT_EQ(fields.signature_input.substr(0, 29), R"(hs=("@method" "@target-uri");)");
  headers = {{"signature-input", fields.signature_input}, {"signature", fields.signature}};
  auto received = read_signature(outgoing.fields);
  ASSERT_TRUE(received);
  EXPECT_NO_THROW(check_covered_components(received->parameters, false));
  EXPECT_EQ(refusal([&] { check_covered_components(received->parameters, true); }),
            Reason::kMissingComponent);
  EXPECT_NO_THROW(
      verify_signature(*received, outgoing, Ed25519PublicKey::from_raw(key_.public_key())));
}

TEST_F(SignedRequest, SigningWithoutACoveredHeaderIsRefused) {
  RequestSigner signer("k", key_);
  HeaderFields headers = {{"Content-Type", "application/json"}};
  RequestParts outgoing{"POST", "/federation/v1/inbox", Origin::parse("https://b.example"),
                        field_lookup(headers)};
  EXPECT_EQ(refusal([&] { signer.sign(outgoing, true, now_); }), Reason::kComponentUnavailable);
}

TEST(ReadSignature, NoFieldsOrAnotherLabelMeansNoSignature) {
  HeaderFields headers;
  EXPECT_FALSE(read_signature(field_lookup(headers)));
  headers = {{"Signature-Input", R"(other=("@method");created=1)"}, {"Signature", "other=:AAAA:"}};
  EXPECT_FALSE(read_signature(field_lookup(headers)));
  EXPECT_TRUE(read_signature(field_lookup(headers), "other"));
}

TEST(ReadSignature, FindsTheLabelAmongSeveralFieldLines) {
  HeaderFields headers = {{"Signature-Input", R"(other=("@method");created=1)"},
                          {"signature-input", R"(hs=("@method" "@path");created=2)"},
                          {"Signature", "other=:AAAA:, hs=:AAEC:"}};
  auto received = read_signature(field_lookup(headers));
  ASSERT_TRUE(received);
  EXPECT_EQ(received->parameters.components, (std::vector<std::string>{"@method", "@path"}));
  EXPECT_EQ(received->parameters.created, 2);
  EXPECT_EQ(received->signature, std::string("\x00\x01\x02", 3));
}

TEST(ReadSignature, RefusesAMemberInOnlyOneField) {
  HeaderFields headers = {{"Signature-Input", R"(hs=("@method");created=1)"}};
  EXPECT_EQ(refusal([&] { read_signature(field_lookup(headers)); }), Reason::kMalformed);
  headers = {{"Signature-Input", R"(hs=("@method");created=1)"}, {"Signature", "x=:AAAA:"}};
  EXPECT_EQ(refusal([&] { read_signature(field_lookup(headers)); }), Reason::kMalformed);
  headers = {{"Signature", "hs=:AAAA:"}};
  EXPECT_EQ(refusal([&] { read_signature(field_lookup(headers)); }), Reason::kMalformed);
}

TEST(ReadSignature, RefusesMembersOfTheWrongType) {
  auto read = [](std::string input, std::string signature) {
    HeaderFields headers = {{"Signature-Input", input}, {"Signature", signature}};
    return refusal([&] { read_signature(field_lookup(headers)); });
  };
  EXPECT_EQ(read(R"(hs="@method")", "hs=:AAAA:"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=("@method"))", R"(hs="AAAA")"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=("@method"))", "hs=(:AAAA:)"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=(method))", "hs=:AAAA:"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=("@method");created="1")", "hs=:AAAA:"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=("@method");expires=1.5)", "hs=:AAAA:"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=("@method");keyid=k)", "hs=:AAAA:"), Reason::kMalformed);
  EXPECT_EQ(read(R"(hs=("@method");nonce=1)", "hs=:AAAA:"), Reason::kMalformed);
}

TEST(ReadSignature, FieldsThatAreNoDictionaryAreParseErrors) {
  HeaderFields headers = {{"Signature-Input", R"(hs=("@method")"}, {"Signature", "hs=:AAAA:"}};
  EXPECT_THROW(read_signature(field_lookup(headers)), sf::StructuredFieldError);
  headers = {{"Signature-Input", R"(hs=("@method"))"}, {"Signature", "hs=:AA AA:"}};
  EXPECT_THROW(read_signature(field_lookup(headers)), sf::StructuredFieldError);
}

}  // namespace
}  // namespace hindsight::federation
