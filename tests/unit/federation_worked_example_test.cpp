// The worked example of docs/federation.md ("A signed request, worked through"), made with an
// independent Ed25519 implementation: this code rebuilds its signature base, verifies its
// signature and digest, and reproduces its fields by signing (Ed25519 is deterministic).
#include <gtest/gtest.h>

#include "common/crypto/encoding.hpp"
#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/http_message_signature.hpp"
#include "federation/signatures/signature_base.hpp"
#include "federation/signatures/signature_checks.hpp"
#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {
namespace {

using common::crypto::Ed25519PrivateKey;
using common::crypto::Ed25519PublicKey;

constexpr std::string_view kSeedHex =
    "9e2299090d8a6e80ab1a5ee689fe7ba96618b31965bf790dc62eebaec31cc021";
constexpr std::string_view kPublicKey = "qwbNfTf5gub2XBada5ytrKpm6jmFPUr0kp5xQW02a1Q";
constexpr std::string_view kBody =
    R"({"subscriber":"https://b.example","name":"Team B","topics":["database"],)"
    R"("message":"Hello from B"})";
constexpr std::string_view kDigest = "sha-256=:0XmXv9KZbfsWM5mVYISvUm0btezYGwJgQnWhUghp0cc=:";
constexpr std::string_view kSignatureInput =
    R"(hs=("@method" "@target-uri" "content-digest" "content-type");created=1796515200;)"
    R"(expires=1796515500;nonce="eDd7UldXtJRCf4kBT5fXmQ";)"
    R"(keyid="https://b.example/.well-known/hindsight#k5e1d0c9b8a7f6e5d";alg="ed25519";)"
    R"(tag="hindsight-federation/1")";
constexpr std::string_view kSignature =
    "hs=:EvnfmkP9wvpSfde1RcaBRqNMquArRicaKoyQk40OzW0J1HIyPkFuZ895HEUC2lAXfIkAbj3IytPHHWXBirzbBg==:";
constexpr std::string_view kBase =
    "\"@method\": POST\n"
    "\"@target-uri\": https://a.example/federation/v1/subscriptions\n"
    "\"content-digest\": sha-256=:0XmXv9KZbfsWM5mVYISvUm0btezYGwJgQnWhUghp0cc=:\n"
    "\"content-type\": application/json\n"
    "\"@signature-params\": (\"@method\" \"@target-uri\" \"content-digest\" \"content-type\")"
    ";created=1796515200;expires=1796515500;nonce=\"eDd7UldXtJRCf4kBT5fXmQ\";"
    "keyid=\"https://b.example/.well-known/hindsight#k5e1d0c9b8a7f6e5d\";alg=\"ed25519\";"
    "tag=\"hindsight-federation/1\"";

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

HeaderFields example_headers() {
  return {{"Host", "a.example"},
          {"Content-Type", "application/json"},
          {"Content-Digest", std::string(kDigest)},
          {"Signature-Input", std::string(kSignatureInput)},
          {"Signature", std::string(kSignature)}};
}

TEST(FederationWorkedExample, VerifiesAndItsBaseIsRebuiltExactly) {
  auto headers = example_headers();
  RequestParts request{"POST", "/federation/v1/subscriptions", Origin::parse("https://a.example"),
                       field_lookup(headers)};
  auto received = read_signature(request.fields);
  ASSERT_TRUE(received);
  EXPECT_EQ(signature_base(received->input, request), kBase);
  EXPECT_NO_THROW(check_required_parameters(received->parameters));
  EXPECT_NO_THROW(check_covered_components(received->parameters, true));
  EXPECT_NO_THROW(check_nonce(received->parameters));
  EXPECT_EQ(check_content_digest(kDigest, kBody), ContentDigestCheck::kMatches);
  EXPECT_EQ(content_digest_field(kBody), kDigest);
  auto key = Ed25519PublicKey::from_raw(*common::crypto::base64url_decode(kPublicKey));
  EXPECT_NO_THROW(verify_signature(*received, request, key));
  // Sent to another instance, the same fields do not verify.
  RequestParts elsewhere{"POST", "/federation/v1/subscriptions", Origin::parse("https://c.example"),
                         field_lookup(headers)};
  EXPECT_THROW(verify_signature(*received, elsewhere, key), SignatureError);
}

TEST(FederationWorkedExample, SigningReproducesItsFields) {
  auto private_key = Ed25519PrivateKey::from_raw(from_hex(kSeedHex));
  EXPECT_EQ(common::crypto::base64url_encode(private_key.public_key()), kPublicKey);
  auto headers = example_headers();
  headers.resize(3);  // without the signature fields
  RequestParts request{"POST", "/federation/v1/subscriptions", Origin::parse("https://a.example"),
                       field_lookup(headers)};
  SignatureParameters parameters;
  parameters.components = {"@method", "@target-uri", "content-digest", "content-type"};
  parameters.created = 1796515200;
  parameters.expires = 1796515500;
  parameters.nonce = "eDd7UldXtJRCf4kBT5fXmQ";
  parameters.alg = "ed25519";
  parameters.tag = "hindsight-federation/1";
  RequestSigner signer("https://b.example/.well-known/hindsight#k5e1d0c9b8a7f6e5d", private_key);
  auto fields = signer.sign(request, parameters, "hs");
  EXPECT_EQ(fields.signature_input, kSignatureInput);
  EXPECT_EQ(fields.signature, kSignature);
}

}  // namespace
}  // namespace hindsight::federation
