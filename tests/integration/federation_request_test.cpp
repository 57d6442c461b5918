// Every rule of docs/federation.md "Request signatures" between real instances over HTTPS: the
// refusal status in the protocol's order, and nothing stored for a refused request (no nonce,
// no subscription, no audit entry).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "common/crypto/ed25519.hpp"
#include "common/crypto/random.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/outbound/request_signing.hpp"
#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/signature_policy.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_peer_signer.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

namespace policy = federation::signature_policy;
using federation::HttpsRequest;
using federation::HttpsResponse;
using federation::RequestSigner;
using nlohmann::json;

federation::HttpsClientOptions trusting_test_ca() {
  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  return options;
}

std::string origin_of(const TestServer& server) {
  return "https://127.0.0.1:" + std::to_string(server.port());
}

struct Stored {
  long long nonces, subscriptions, audit;
  friend bool operator==(const Stored&, const Stored&) = default;
};

Stored stored(const TestDatabase& db) {
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  auto row = tx.exec1(
      "SELECT (SELECT count(*) FROM federation_nonces), (SELECT count(*) FROM "
      "federation_subscriptions), (SELECT count(*) FROM audit_log)");
  return {row[0].as<long long>(), row[1].as<long long>(), row[2].as<long long>()};
}

void exec(const TestDatabase& db, const std::string& sql) {
  pqxx::connection conn(db.conninfo());
  pqxx::work tx(conn);
  tx.exec(sql);
  tx.commit();
}

// Parameters as the protocol asks, `created` offset from now and valid for `lifetime`.
federation::SignatureParameters parameters(bool has_body, std::chrono::seconds created_offset = {},
                                           std::chrono::seconds lifetime = policy::kMaxLifetime) {
  federation::SignatureParameters p;
  for (auto c : policy::required_components(has_body))
    p.components.emplace_back(c);
  auto created = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch()) +
                 created_offset;
  p.created = created.count();
  p.expires = (created + lifetime).count();
  p.nonce = common::crypto::random_base64url(policy::kNonceBytes);
  p.alg = std::string(policy::kAlgorithm);
  p.tag = std::string(policy::kTag);
  return p;
}

// A request to `url` signed with these parameters as if it went to `signed_url`.
HttpsRequest signed_with(const RequestSigner& signer, federation::SignatureParameters p,
                         const std::string& method, const std::string& url, const std::string& body,
                         const std::string& signed_url = {}) {
  HttpsRequest r{method, url, {}, body};
  if (!body.empty()) {
    r.headers.emplace_back("Content-Type", "application/json");
    r.headers.emplace_back("Content-Digest", federation::content_digest_field(body));
  }
  auto [origin, target] = federation::split_url(signed_url.empty() ? url : signed_url);
  auto fields = signer.sign({method, target, origin, federation::field_lookup(r.headers)},
                            std::move(p), policy::kLabel);
  r.headers.emplace_back("Signature-Input", fields.signature_input);
  r.headers.emplace_back("Signature", fields.signature);
  return r;
}

std::string error_message(const HttpsResponse& r) {
  return json::parse(r.body)["error"]["message"].get<std::string>();
}

class FederationRequestTest : public ::testing::Test {
 protected:
  HttpsResponse send(HttpsRequest r) const { return client.send(std::move(r)); }

  HttpsRequest subscription_request(const RequestSigner& signer, const std::string& subscriber) {
    HttpsRequest r{
        "POST",
        a.url(federation::kSubscriptionsPath),
        {},
        json{{"subscriber", subscriber}, {"name", "Team B"}, {"topics", {"database"}}}.dump()};
    federation::sign_request(r, signer);
    return r;
  }

  // B subscribes to A, as the protocol's first step; returns the subscription's id.
  std::string subscribe_b() {
    auto r = send(subscription_request(b_signer, b_origin));
    EXPECT_EQ(r.status, 202) << r.body;
    EXPECT_EQ(json::parse(r.body)["state"], "pending");
    return json::parse(r.body)["id"];
  }

  // An admin of A blocks B through A's API.
  void block_b() {
    auto token = a.create_user_with_token("peer-admin", "admin");
    auto r = a.request("POST", "/api/v1/peers/block", json{{"peer_url", b_origin}}.dump(), token);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Sends `r` and expects the refusal `status` with `message_part` in its message, and nothing
  // stored at A.
  void expect_refused(HttpsRequest r, int status, const std::string& message_part) {
    Stored before = stored(a_db);
    auto answer = send(std::move(r));
    EXPECT_EQ(answer.status, status) << answer.body;
    ASSERT_EQ(answer.header("content-type"), "application/json") << answer.body;
    EXPECT_NE(error_message(answer).find(message_part), std::string::npos) << answer.body;
    EXPECT_EQ(stored(a_db), before) << "a refused request stored something";
  }

  TestDatabase a_db, b_db, c_db;
  // The API's body limit raised: federation's own 1 MiB still holds.
  TestServer a{a_db.conninfo(), {{"body_limit", std::to_string(4 * 1024 * 1024)}}};
  TestServer b{b_db.conninfo()};
  std::string b_origin = origin_of(b);
  federation::SigningKey b_key = instance_signing_key(b_db.conninfo(), b_origin);
  RequestSigner b_signer{b_key.key_id, b_key.key};
  federation::HttpsClient client{trusting_test_ca()};
};

TEST_F(FederationRequestTest, AnyInstanceMayAskToSubscribeAndARetryGetsTheSameSubscription) {
  std::string id = subscribe_b();
  Stored after_first = stored(a_db);
  EXPECT_EQ(subscribe_b(), id) << "a retried request makes no second subscription";
  Stored after_second = stored(a_db);
  EXPECT_EQ(after_second.subscriptions, after_first.subscriptions);
  EXPECT_EQ(after_second.nonces, after_first.nonces + 1) << "each request's nonce is kept";
  // The subscriber named in the body must be the instance that signed.
  expect_refused(subscription_request(b_signer, "https://c.example"), 403, "is not the instance");
}

TEST_F(FederationRequestTest, EveryRuleRefusesWithItsStatusAndStoresNothing) {
  std::string id = subscribe_b();
  std::string cancel_url = a.url(std::string(federation::kSubscriptionsPath) + "/" + id);
  std::string subscribe_url = a.url(federation::kSubscriptionsPath);
  std::string body = json{{"subscriber", b_origin}}.dump();

  HttpsRequest unsigned_request{"DELETE", cancel_url, {}, {}};
  expect_refused(unsigned_request, 401, "not signed");

  auto malformed = signed_with(b_signer, parameters(false), "DELETE", cancel_url, {});
  malformed.headers.back().second = "hs=:not base64";
  expect_refused(malformed, 400, "not a structured field");

  auto bad_digest = signed_with(b_signer, parameters(true), "POST", subscribe_url, body);
  bad_digest.headers[1].second = "sha-256=(";
  expect_refused(bad_digest, 400, "Content-Digest");

  expect_refused(signed_with(b_signer, parameters(true), "POST", subscribe_url,
                             std::string(1024 * 1024 + 1, ' ')),
                 413, "bytes");

  // A key B never published, under B's key id, and a key id B does not publish.
  RequestSigner forger(b_key.key_id, common::crypto::Ed25519PrivateKey::generate());
  expect_refused(signed_with(forger, parameters(false), "DELETE", cancel_url, {}), 401,
                 "does not verify");
  RequestSigner unknown_key(b_origin + "/.well-known/hindsight#k0123456789abcdef",
                            common::crypto::Ed25519PrivateKey::generate());
  expect_refused(signed_with(unknown_key, parameters(false), "DELETE", cancel_url, {}), 401,
                 "publishes no key");
  // C's real key, named as if it were B's: B does not publish it.
  TestServer c{c_db.conninfo()};
  auto c_key = instance_signing_key(c_db.conninfo(), origin_of(c));
  RequestSigner c_as_b(
      b_origin + "/.well-known/hindsight" + c_key.key_id.substr(c_key.key_id.find('#')), c_key.key);
  expect_refused(signed_with(c_as_b, parameters(false), "DELETE", cancel_url, {}), 401,
                 "publishes no key");

  auto tampered = signed_with(b_signer, parameters(true), "POST", subscribe_url, body);
  tampered.body = json{{"subscriber", "https://evil.example"}}.dump();
  expect_refused(tampered, 401, "Content-Digest does not match");

  using std::chrono::seconds;
  expect_refused(signed_with(b_signer, parameters(false, seconds(-400)), "DELETE", cancel_url, {}),
                 401, "created");
  expect_refused(signed_with(b_signer, parameters(false, seconds(400)), "DELETE", cancel_url, {}),
                 401, "created");
  expect_refused(
      signed_with(b_signer, parameters(false, {}, seconds(301)), "DELETE", cancel_url, {}), 401,
      "expires");
  // Signed for B's own URL, replayed at A.
  expect_refused(signed_with(b_signer, parameters(false), "DELETE", cancel_url, {},
                             b.url(std::string(federation::kSubscriptionsPath) + "/" + id)),
                 401, "another instance's URL");

  auto not_json = signed_with(b_signer, parameters(true), "POST", subscribe_url, "subscribe me");
  expect_refused(not_json, 400, "JSON");
}

TEST_F(FederationRequestTest, AReplayIsRefusedAlsoAfterARestart) {
  std::string id = subscribe_b();
  auto cancel = signed_with(b_signer, parameters(false), "DELETE",
                            a.url(std::string(federation::kSubscriptionsPath) + "/" + id), {});
  auto first = send(cancel);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json::parse(first.body)["state"], "cancelled");
  expect_refused(cancel, 401, "replay");

  a.stop();
  TestServer restarted(a_db.conninfo(), {{"listen", "127.0.0.1:" + std::to_string(a.port())}});
  Stored before = stored(a_db);
  auto again = send(cancel);
  EXPECT_EQ(again.status, 401) << again.body;
  EXPECT_NE(error_message(again).find("replay"), std::string::npos) << again.body;
  EXPECT_EQ(stored(a_db), before);
}

TEST_F(FederationRequestTest, ABlockedOriginIsRefusedBeforeItsSignatureIsChecked) {
  std::string id = subscribe_b();
  block_b();
  RequestSigner forger(b_key.key_id, common::crypto::Ed25519PrivateKey::generate());
  expect_refused(signed_with(forger, parameters(false), "DELETE",
                             a.url(std::string(federation::kSubscriptionsPath) + "/" + id), {}),
                 403, "blocked");
  expect_refused(subscription_request(b_signer, b_origin), 403, "blocked");
}

// The standing read before the signature comes from memory; the transaction of the request's
// work reads it again. Here the block reaches the database without the change notification, so
// A's memory still says B may go on: the transaction refuses anyway.
TEST_F(FederationRequestTest, ABlockThisProcessHasNotHeardOfStillRefuses) {
  std::string id = subscribe_b();
  // A second request for the same subscription: answered the same, and B's standing is now held
  // in A's memory.
  auto again = send(subscription_request(b_signer, b_origin));
  ASSERT_EQ(again.status, 202) << again.body;
  ASSERT_EQ(json::parse(again.body)["id"], id);
  exec(a_db,
       "ALTER TABLE federation_peers DISABLE TRIGGER federation_peers_standing_changed; "
       "UPDATE federation_peers SET blocked_at = now() WHERE origin = '" +
           b_origin +
           "'; "
           "ALTER TABLE federation_peers ENABLE TRIGGER federation_peers_standing_changed");
  expect_refused(signed_with(b_signer, parameters(false), "DELETE",
                             a.url(std::string(federation::kSubscriptionsPath) + "/" + id), {}),
                 403, "blocked");
  pqxx::connection conn(a_db.conninfo());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec_params1("SELECT state FROM federation_subscriptions WHERE id = $1::uuid", id)[0]
                .as<std::string>(),
            "pending");
}

TEST_F(FederationRequestTest, AnOriginWithNoSubscriptionMayOnlyAskForOne) {
  TestServer c{c_db.conninfo()};
  auto c_key = instance_signing_key(c_db.conninfo(), origin_of(c));
  RequestSigner c_signer(c_key.key_id, c_key.key);
  std::string id = subscribe_b();
  // C signs correctly, but has nothing with A: refused before A fetches C's discovery.
  expect_refused(signed_with(c_signer, parameters(false), "DELETE",
                             a.url(std::string(federation::kSubscriptionsPath) + "/" + id), {}),
                 403, "no subscription");
  auto asked = send(subscription_request(c_signer, origin_of(c)));
  EXPECT_EQ(asked.status, 202) << asked.body;
  // Now C has one, but B's subscription is not C's to cancel.
  expect_refused(signed_with(c_signer, parameters(false), "DELETE",
                             a.url(std::string(federation::kSubscriptionsPath) + "/" + id), {}),
                 404, "no subscription");
}

TEST(FederationRateTest, AnOriginOverItsRateGets429WithRetryAfter) {
  TestDatabase a_db, b_db;
  TestServer a{a_db.conninfo(), {{"peer_rate_limit", "1"}, {"peer_rate_burst", "2"}}};
  TestServer b{b_db.conninfo()};
  std::string b_origin = origin_of(b);
  auto b_key = instance_signing_key(b_db.conninfo(), b_origin);
  RequestSigner b_signer(b_key.key_id, b_key.key);
  federation::HttpsClient client{trusting_test_ca()};
  auto ask = [&] {
    HttpsRequest r{
        "POST", a.url(federation::kSubscriptionsPath), {}, json{{"subscriber", b_origin}}.dump()};
    federation::sign_request(r, b_signer);
    return client.send(std::move(r));
  };
  EXPECT_EQ(ask().status, 202);
  EXPECT_EQ(ask().status, 202);
  Stored before = stored(a_db);
  auto limited = ask();
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.header("retry-after"), "1");
  EXPECT_EQ(stored(a_db), before);
}

}  // namespace
}  // namespace hindsight::test
