// FEDERATION.md's request signatures against independent implementations from npm, both ways:
// http-message-signatures (RFC 9421) verifies what RequestSigner signs and signs what
// read_signature, the checks of signature_checks.hpp and verify_signature accept; the
// Content-Digest of RFC 9530 is compared with httpbis-digest-headers' and with node's own
// SHA-256. Keys, bodies, targets and nonces are fresh random ones on every run.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/random.hpp"
#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/http_message_signature.hpp"
#include "federation/signatures/signature_base.hpp"
#include "federation/signatures/signature_checks.hpp"
#include "federation/signatures/signature_error.hpp"
#include "federation/signatures/signature_policy.hpp"
#include "tests/interop/peer_test.hpp"

namespace hindsight::federation {
namespace {

using common::crypto::Ed25519PrivateKey;
using common::crypto::Ed25519PublicKey;
using nlohmann::json;

constexpr int kRequests = 120;

// One federation request before it is signed: who sends it, to which instance, what it carries.
struct Exchange {
  std::string method;
  std::string receiver;  // the receiver's public origin, as its discovery document names it
  std::string target;    // origin-form request target, as on the wire
  std::optional<std::string> body;
  HeaderFields headers;  // the unsigned fields; Content-Digest is added by whoever signs
  std::string key_id;

  bool has_body() const { return body.has_value(); }
  std::string url() const { return receiver + target; }
  std::vector<std::string> components() const {
    std::vector<std::string> out;
    for (auto c : signature_policy::required_components(has_body()))
      out.emplace_back(c);
    return out;
  }
};

json header_pairs(const HeaderFields& headers) {
  json out = json::array();
  for (const auto& [name, value] : headers)
    out.push_back({name, value});
  return out;
}

HeaderFields from_pairs(const json& pairs) {
  HeaderFields out;
  for (const auto& pair : pairs)
    out.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  return out;
}

std::string* find_header(HeaderFields& headers, std::string_view lower_name) {
  for (auto& [name, value] : headers) {
    std::string lower = name;
    for (char& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == lower_name) return &value;
  }
  return nullptr;
}

const char* reason_name(SignatureError::Reason reason) {
  using R = SignatureError::Reason;
  switch (reason) {
    case R::kMalformed:
      return "malformed";
    case R::kUnsupportedComponent:
      return "unsupported component";
    case R::kComponentUnavailable:
      return "component unavailable";
    case R::kMissingComponent:
      return "missing component";
    case R::kMissingParameter:
      return "missing parameter";
    case R::kWrongAlgorithm:
      return "wrong algorithm";
    case R::kWrongTag:
      return "wrong tag";
    case R::kBadNonce:
      return "bad nonce";
    case R::kCreatedOutOfWindow:
      return "created out of window";
    case R::kExpired:
      return "expired";
    case R::kLifetimeTooLong:
      return "lifetime too long";
    case R::kBadSignature:
      return "bad signature";
  }
  return "?";
}

// A request as the receiver sees it, and the keys it knows.
struct Arrival {
  std::string method;
  std::string receiver;
  std::string target;
  std::optional<std::string> body;
  HeaderFields headers;
  std::map<std::string, std::string> keys;  // key id -> raw Ed25519 public key
};

// What the receiver does with a request once the sender's keys are known, in FEDERATION.md's
// order: "accepted", or the reason of the first refusal.
std::string receive(const Arrival& arrival) {
  try {
    FieldLookup fields = field_lookup(arrival.headers);
    auto signature = read_signature(fields);
    if (!signature) return "no signature";
    const auto& parameters = signature->parameters;
    check_required_parameters(parameters);
    check_nonce(parameters);
    auto key = arrival.keys.find(*parameters.keyid);
    if (key == arrival.keys.end()) return "unknown key";
    check_time_window(parameters, std::chrono::system_clock::now());
    check_covered_components(parameters, arrival.body.has_value());
    if (arrival.body) {
      auto lines = fields("content-digest");
      if (lines.size() != 1) return "no content-digest";
      if (check_content_digest(lines[0], *arrival.body) != ContentDigestCheck::kMatches)
        return "digest mismatch";
    }
    RequestParts request{arrival.method, arrival.target, Origin::parse(arrival.receiver), fields};
    verify_signature(*signature, request, Ed25519PublicKey::from_raw(key->second));
    return "accepted";
  } catch (const SignatureError& e) {
    return std::string(reason_name(e.reason())) + " (" + e.what() + ")";
  } catch (const sf::StructuredFieldError& e) {
    return std::string("unparsable field (") + e.what() + ")";
  }
}

// The reason receive() gives, without its message.
std::string reason_of(const std::string& outcome) {
  return outcome.substr(0, outcome.find(" ("));
}

class SignaturesInterop : public test::PeerTest {
 protected:
  std::string random_hex(std::size_t count) { return common::crypto::hex_encode(bytes(count)); }

  // Text the query of a GET carries, percent-encoded where RFC 3986 asks.
  std::string random_query_value() {
    static constexpr std::string_view kPlain =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    static constexpr std::string_view kEncoded[] = {"%2F", "%3A", "%2B", "%20", "%C3%A9", "%3D"};
    std::string out;
    for (std::size_t i = pick(0, 24); i > 0; --i) {
      if (chance(0.2))
        out += one_of(kEncoded);
      else
        out += kPlain[pick(0, kPlain.size() - 1)];
    }
    return out;
  }

  // Bodies of every kind: JSON with non-ASCII text, arbitrary bytes, empty.
  std::string random_body() {
    switch (pick(0, 3)) {
      case 0:
        return "";
      case 1:
        return bytes(pick(1, 8192));
      default: {
        static constexpr std::string_view kWords[] = {
            "replication", "lag", "\u00e9t\u00e9", "\u65e5\u672c", "\U0001F600", "\\\"", "\t"};
        std::string text = R"({"type":"lesson.published","lesson":{"id":")" + random_hex(16) +
                           R"(","version":)" + std::to_string(pick(1, 40)) + R"(,"summary":")";
        for (std::size_t i = pick(0, 400); i > 0; --i) {
          text += one_of(kWords);
          text += ' ';
        }
        return text + "\"}}";
      }
    }
  }

  Exchange random_exchange() {
    static constexpr std::string_view kReceivers[] = {
        "https://b.example",      "https://b.example:8443", "https://hindsight.corp.example.org",
        "https://127.0.0.1:9443", "https://[2001:db8::7]",  "http://localhost:8080"};
    Exchange ex;
    ex.receiver = std::string(one_of(kReceivers));
    ex.key_id = "https://a" + std::to_string(pick(0, 999)) + ".example/.well-known/hindsight#k" +
                random_hex(8);
    ex.headers = {{"Host", ex.receiver.substr(ex.receiver.find("://") + 3)},
                  {"User-Agent", "hindsight/0.1.0"},
                  {"Accept", "application/json"}};
    switch (pick(0, 2)) {
      case 0:
        ex.method = "POST";
        ex.target = chance(0.5) ? "/federation/v1/inbox" : "/federation/v1/subscriptions";
        ex.body = random_body();
        ex.headers.emplace_back(
            "Content-Type", chance(0.5) ? "application/json" : "application/json; charset=utf-8");
        break;
      case 1:
        ex.method = "GET";
        ex.target = "/federation/v1/lessons";
        if (chance(0.7))
          ex.target += "?since=" + random_query_value() + "&limit=" + std::to_string(pick(1, 500));
        break;
      default:
        ex.method = "DELETE";
        ex.target = "/federation/v1/subscriptions/" + random_hex(16);
        break;
    }
    return ex;
  }

  // Asks the package to verify `headers` for `ex` with `public_key`.
  json package_verifies(const Exchange& ex, const std::string& method, const HeaderFields& headers,
                        const std::string& public_key) {
    return peer().call(
        {{"op", "verify"},
         {"method", method},
         {"url", ex.url()},
         {"headers", header_pairs(headers)},
         {"body", ex.body ? json(common::crypto::base64_encode(*ex.body)) : json(nullptr)},
         {"public_key", common::crypto::base64url_encode(public_key)},
         {"keyid", ex.key_id},
         {"required_components", ex.components()}});
  }
};

std::string describe(const Exchange& ex) {
  return ex.method + " " + ex.url() +
         (ex.body ? " with a body of " + std::to_string(ex.body->size()) + " bytes" : "");
}

// (a) What RequestSigner writes, in FEDERATION.md's shape, verifies under the package, and the
// package's Content-Digest of the body is ours.
TEST_F(SignaturesInterop, OurSignedRequestsVerifyUnderThePackage) {
  std::set<std::string> nonces;
  for (int i = 0; i < kRequests; ++i) {
    Exchange ex = random_exchange();
    SCOPED_TRACE(describe(ex));
    auto key = Ed25519PrivateKey::generate();
    HeaderFields headers = ex.headers;
    if (ex.body) headers.emplace_back("Content-Digest", content_digest_field(*ex.body));
    auto [origin, target] = split_url(ex.url());
    RequestParts outgoing{ex.method, target, origin, field_lookup(headers)};
    auto fields = RequestSigner(ex.key_id, key)
                      .sign(outgoing, ex.has_body(), std::chrono::system_clock::now());
    headers.emplace_back("Signature-Input", fields.signature_input);
    headers.emplace_back("Signature", fields.signature);

    json answer = package_verifies(ex, ex.method, headers, key.public_key());
    EXPECT_TRUE(answer["verified"].get<bool>()) << answer["error"] << "\n" << answer.dump(2);

    // The signature base the package rebuilt is the one we signed.
    auto received = read_signature(outgoing.fields);
    ASSERT_TRUE(received);
    EXPECT_EQ(answer["base"], signature_base(received->input, outgoing));

    // FEDERATION.md's shape, as the package's RFC 8941 parser reads it.
    const json& shape = answer["shape"];
    EXPECT_EQ(shape["input_labels"], json::array({"hs"}));
    EXPECT_EQ(shape["signature_labels"], json::array({"hs"}));
    const json& hs = shape["members"]["hs"];
    json components = json::array();
    for (const auto& c : hs["components"]) {
      EXPECT_EQ(c["parameters"], 0);
      components.push_back(c["name"]);
    }
    EXPECT_EQ(components, json(ex.components()));
    std::vector<std::string> keys;
    std::map<std::string, json> parameters;
    for (const auto& p : hs["parameters"]) {
      keys.push_back(p["key"]);
      parameters[p["key"]] = p;
    }
    EXPECT_EQ(keys,
              (std::vector<std::string>{"created", "expires", "nonce", "keyid", "alg", "tag"}));
    EXPECT_EQ(parameters["created"]["type"], "number");
    EXPECT_EQ(parameters["expires"]["type"], "number");
    EXPECT_EQ(std::stoll(parameters["expires"]["value"].get<std::string>()) -
                  std::stoll(parameters["created"]["value"].get<std::string>()),
              300);
    EXPECT_EQ(parameters["keyid"]["value"], ex.key_id);
    EXPECT_EQ(parameters["alg"]["value"], "ed25519");
    EXPECT_EQ(parameters["tag"]["value"], "hindsight-federation/1");
    std::string nonce = parameters["nonce"]["value"];
    auto nonce_bytes = common::crypto::base64url_decode(nonce);
    ASSERT_TRUE(nonce_bytes) << nonce;
    EXPECT_EQ(nonce_bytes->size(), 16u);
    EXPECT_TRUE(nonces.insert(nonce).second) << "nonce " << nonce << " came twice";
    EXPECT_EQ(hs["signature_bytes"], 64);

    if (ex.body) {
      const json& digest = answer["digest"];
      EXPECT_EQ(digest["package"], content_digest_field(*ex.body));
      EXPECT_EQ(digest["crypto"], content_digest_field(*ex.body));
      EXPECT_TRUE(digest["verifies"].get<bool>()) << digest.dump();
    }

    // The package is no rubber stamp: another method, or another key, fails there too.
    std::string other_method = ex.method == "POST" ? "PUT" : "POST";
    EXPECT_FALSE(package_verifies(ex, other_method, headers, key.public_key())["verified"]);
    EXPECT_FALSE(package_verifies(ex, ex.method, headers,
                                  Ed25519PrivateKey::generate().public_key())["verified"]);
    if (::testing::Test::HasFailure()) break;
  }
}

// Changes one parameter of the Signature-Input member hs, through an RFC 8941 round trip.
std::string change_parameters(const std::string& signature_input,
                              const std::function<void(sf::InnerList&)>& change) {
  sf::Dictionary field = sf::parse_dictionary(signature_input);
  sf::InnerList input = std::get<sf::InnerList>(*field.find("hs"));
  change(input);
  field.set("hs", input);
  return sf::serialize_dictionary(field);
}

// (b) What the package signs in FEDERATION.md's shape verifies under ours, and every tampering
// with the body, the method, the target or a parameter makes ours refuse.
TEST_F(SignaturesInterop, PackageSignedRequestsVerifyUnderOursAndTamperingIsRefused) {
  std::set<std::string> nonces;
  for (int i = 0; i < kRequests; ++i) {
    Exchange ex = random_exchange();
    SCOPED_TRACE(describe(ex));
    json signed_request = peer().call(
        {{"op", "sign"},
         {"method", ex.method},
         {"url", ex.url()},
         {"headers", header_pairs(ex.headers)},
         {"body", ex.body ? json(common::crypto::base64_encode(*ex.body)) : json(nullptr)},
         {"keyid", ex.key_id},
         {"components", ex.components()}});
    auto public_key =
        common::crypto::base64url_decode(signed_request["public_key"].get<std::string>());
    ASSERT_TRUE(public_key);
    EXPECT_TRUE(nonces.insert(signed_request["nonce"].get<std::string>()).second);

    const Arrival sent{ex.method,
                       ex.receiver,
                       ex.target,
                       ex.body,
                       from_pairs(signed_request["headers"]),
                       {{ex.key_id, *public_key}}};
    ASSERT_EQ(receive(sent), "accepted") << signed_request.dump(2);

    // The package's signature is in FEDERATION.md's shape as we read it.
    HeaderFields headers = sent.headers;
    auto received = read_signature(field_lookup(headers));
    ASSERT_TRUE(received);
    std::vector<std::string> parameter_names;
    for (const auto& [name, value] : received->input.parameters)
      parameter_names.push_back(name);
    EXPECT_EQ(parameter_names,
              (std::vector<std::string>{"created", "expires", "nonce", "keyid", "alg", "tag"}));
    EXPECT_EQ(received->parameters.components, ex.components());
    // Our RFC 8941 serializer writes the package's Signature-Input back byte for byte.
    const std::string signature_input = *find_header(headers, "signature-input");
    EXPECT_EQ(change_parameters(signature_input, [](sf::InnerList&) {}), signature_input);
    if (ex.body) {
      EXPECT_EQ(*find_header(headers, "content-digest"), content_digest_field(*ex.body));
      EXPECT_EQ(signed_request["digest"]["crypto"], content_digest_field(*ex.body));
    }

    // Each tampering, and the refusal it must meet.
    auto expect_refused = [&](const char* what, const std::string& reason, auto change) {
      Arrival tampered = sent;
      change(tampered);
      std::string outcome = receive(tampered);
      EXPECT_EQ(reason_of(outcome), reason) << what << ": " << outcome;
    };
    auto with_input = [&](auto change) {
      return [&, change](Arrival& a) {
        *find_header(a.headers, "signature-input") = change_parameters(signature_input, change);
      };
    };
    if (ex.body) {
      expect_refused("a body byte changed", "digest mismatch", [&](Arrival& a) {
        if (a.body->empty())
          *a.body = "x";
        else
          (*a.body)[pick(0, a.body->size() - 1)] ^= 0x20;
      });
      expect_refused("a byte appended to the body", "digest mismatch",
                     [](Arrival& a) { *a.body += '\n'; });
      expect_refused("another body with its own digest", "bad signature", [](Arrival& a) {
        *a.body += " ";
        *find_header(a.headers, "content-digest") = content_digest_field(*a.body);
      });
      expect_refused("another Content-Type", "bad signature",
                     [](Arrival& a) { *find_header(a.headers, "content-type") = "text/plain"; });
    }
    expect_refused("another method", "bad signature",
                   [](Arrival& a) { a.method = a.method == "POST" ? "PUT" : "POST"; });
    expect_refused("the method in lower case", "bad signature", [](Arrival& a) {
      for (char& c : a.method)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    expect_refused("another path", "bad signature", [](Arrival& a) {
      a.target.insert(
          a.target.find('?') == std::string::npos ? a.target.size() : a.target.find('?'), "x");
    });
    expect_refused("another query", "bad signature", [](Arrival& a) {
      a.target += a.target.find('?') == std::string::npos ? "?limit=1" : "&limit=1";
    });
    expect_refused("another receiver", "bad signature",
                   [](Arrival& a) { a.receiver = "https://c.example"; });
    expect_refused("created moved", "bad signature", with_input([](sf::InnerList& in) {
                     in.parameters.set("created",
                                       std::get<std::int64_t>(*in.parameters.find("created")) + 1);
                   }));
    expect_refused("expires moved", "bad signature", with_input([](sf::InnerList& in) {
                     in.parameters.set("expires",
                                       std::get<std::int64_t>(*in.parameters.find("expires")) - 1);
                   }));
    std::string other_nonce = common::crypto::random_base64url(16);
    expect_refused("another nonce", "bad signature", with_input([other_nonce](sf::InnerList& in) {
                     in.parameters.set("nonce", other_nonce);
                   }));
    std::string other_key_id = ex.key_id + "0";
    expect_refused("another key id for the same key", "bad signature", [&](Arrival& a) {
      a.keys[other_key_id] = *public_key;
      with_input([other_key_id](sf::InnerList& in) { in.parameters.set("keyid", other_key_id); })(
          a);
    });
    expect_refused("another tag", "wrong tag", with_input([](sf::InnerList& in) {
                     in.parameters.set("tag", std::string("hindsight-federation/2"));
                   }));
    expect_refused("another algorithm", "wrong algorithm", with_input([](sf::InnerList& in) {
                     in.parameters.set("alg", std::string("ecdsa-p256-sha256"));
                   }));
    expect_refused("a parameter added", "bad signature",
                   with_input([](sf::InnerList& in) { in.parameters.set("x", std::int64_t{1}); }));
    expect_refused("a component added", "bad signature", with_input([](sf::InnerList& in) {
                     // Built in place: GCC 12 at -O2 warns on a moved braced temporary.
                     in.items.emplace_back().value = std::string("host");
                   }));
    expect_refused("a required component dropped", "missing component",
                   with_input([](sf::InnerList& in) { in.items.pop_back(); }));
    expect_refused("a signature bit flipped", "bad signature", [&](Arrival& a) {
      std::string& field = *find_header(a.headers, "signature");
      auto bytes = *common::crypto::base64_decode(field.substr(4, field.size() - 5));
      bytes[pick(0, bytes.size() - 1)] ^= static_cast<char>(1 << pick(0, 7));
      field = "hs=:" + common::crypto::base64_encode(bytes) + ":";
    });
    expect_refused("another key", "bad signature", [&](Arrival& a) {
      a.keys[ex.key_id] = Ed25519PrivateKey::generate().public_key();
    });
    expect_refused("another label", "no signature", [](Arrival& a) {
      for (const char* name : {"signature", "signature-input"}) {
        std::string& field = *find_header(a.headers, name);
        field.replace(0, 2, "sig");
      }
    });
    if (::testing::Test::HasFailure()) break;
  }
}

// RFC 9530 beyond the sha-256 a Hindsight sender writes: what the package writes with sha-512,
// or both algorithms in either order, passes our check, and fails it once the body changes.
TEST_F(SignaturesInterop, PackageDigestsOfEitherAlgorithmAreChecked) {
  const std::vector<std::vector<std::string>> kAlgorithms = {
      {"sha-256"}, {"sha-512"}, {"sha-256", "sha-512"}, {"sha-512", "sha-256"}};
  for (int i = 0; i < kRequests; ++i) {
    std::string body = random_body();
    const auto& algorithms = one_of(kAlgorithms);
    std::string field = peer().call({{"op", "digest"},
                                     {"body", common::crypto::base64_encode(body)},
                                     {"algorithms", algorithms}})["field"];
    SCOPED_TRACE(field);
    EXPECT_EQ(check_content_digest(field, body), ContentDigestCheck::kMatches);
    EXPECT_EQ(check_content_digest(field, body + "x"), ContentDigestCheck::kMismatch);
    if (algorithms == std::vector<std::string>{"sha-256"}) {
      EXPECT_EQ(field, content_digest_field(body));
    }
  }
}

}  // namespace
}  // namespace hindsight::federation
