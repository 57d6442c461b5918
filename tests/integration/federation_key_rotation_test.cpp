// Key rotation and revocation between two real instances over HTTPS: a rotated key verifies at
// the receiver once it signs (an unknown key id makes the receiver refetch discovery),
// the previous key keeps verifying through its grace period, and a revoked key stops verifying
// once the receiver's copy of the discovery document ages out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "common/crypto/encoding.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/identity/instance_keys.hpp"
#include "federation/outbound/request_signing.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_peer_signer.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

namespace db = common::db;
using nlohmann::json;
using namespace std::chrono_literals;

class FederationKeyRotationTest : public ::testing::Test {
 protected:
  FederationKeyRotationTest() {
    federation::HttpsClientOptions options;
    options.trust_ca_file = test_pki().ca_file;
    options.use_system_store = false;
    client = std::make_unique<federation::HttpsClient>(options);
  }

  // B asks A for a subscription, signed with `key`: 202 the first time and every retry.
  int ask_as_b(const federation::SigningKey& key) {
    federation::HttpsRequest r{
        "POST", a.url(federation::kSubscriptionsPath), {}, json{{"subscriber", b_origin}}.dump()};
    federation::sign_request(r, federation::RequestSigner(key.key_id, key.key));
    auto answer = client->send(std::move(r));
    last_body = answer.body;
    return answer.status;
  }

  TestDatabase a_db, b_db;
  // A trusts a peer's discovery for one second, so a revocation shows within the test.
  TestServer a{a_db.conninfo(),
               {{"discovery_max_age", "1s"}, {"discovery_refetch_interval", "1s"}}};
  TestServer b{b_db.conninfo()};
  std::string b_origin = "https://127.0.0.1:" + std::to_string(b.port());
  db::ConnectionPool b_pool{b_db.conninfo(), 1};
  federation::InstanceKeys b_keys{*common::crypto::base64_decode(kTestKeyEncryptionKey)};
  std::unique_ptr<federation::HttpsClient> client;
  std::string last_body;
};

TEST_F(FederationKeyRotationTest, ARotatedKeyVerifiesAndTheOldOneKeepsVerifyingThroughItsGrace) {
  auto first = instance_signing_key(b_db.conninfo(), b_origin);
  ASSERT_EQ(ask_as_b(first), 202) << last_body;
  db::with_transaction(b_pool, [&](db::Transaction& tx) {
    b_keys.rotate(tx, {std::nullopt, "test"});
  });
  auto second = instance_signing_key(b_db.conninfo(), b_origin);
  ASSERT_NE(second.key_id, first.key_id);
  // A has B's document cached without the new key. Inside A's refetch interval the key is not
  // known yet (the sender retries); past it, A refetches for the unknown id.
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(ask_as_b(second), 202) << last_body;
  EXPECT_EQ(ask_as_b(first), 202) << "the previous key verifies through its grace: " << last_body;
}

TEST_F(FederationKeyRotationTest, ARevokedKeyStopsVerifyingOnceTheDocumentAgesOut) {
  auto first = instance_signing_key(b_db.conninfo(), b_origin);
  ASSERT_EQ(ask_as_b(first), 202) << last_body;
  db::with_transaction(b_pool, [&](db::Transaction& tx) {
    b_keys.rotate(tx, {std::nullopt, "test"});
    std::string short_id = first.key_id.substr(first.key_id.find('#') + 1);
    ASSERT_TRUE(federation::revoke_instance_key(tx, {std::nullopt, "test"}, short_id));
  });
  std::this_thread::sleep_for(1100ms);  // past A's discovery_max_age
  EXPECT_EQ(ask_as_b(first), 401) << last_body;
  EXPECT_NE(last_body.find("publishes no key"), std::string::npos) << last_body;
  auto second = instance_signing_key(b_db.conninfo(), b_origin);
  EXPECT_EQ(ask_as_b(second), 202) << last_body;
}

}  // namespace
}  // namespace hindsight::test
