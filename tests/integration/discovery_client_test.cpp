// Discovering another instance over real HTTPS: the document is checked against the origin it
// came from, cached, refetched for an unknown key at most once per interval, and never
// followed anywhere else.
#include "federation/discovery/discovery_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "common/crypto/encoding.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "federation/identity/instance_keys.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
namespace db = common::db;
using namespace std::chrono_literals;

template <typename T>
T run(asio::awaitable<T> work) {
  asio::io_context io;
  auto result = asio::co_spawn(io, std::move(work), asio::use_future);
  io.run();
  return result.get();
}

federation::HttpsClientOptions trusting_test_ca() {
  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  return options;
}

int discovery_requests(const TestServer& server) {
  auto metrics = server.get("/metrics").body;
  std::string series =
      "hindsight_http_requests_total{method=\"GET\",route=\"/.well-known/"
      "hindsight\",status=\"200\"} ";
  auto at = metrics.find(series);
  return at == std::string::npos ? 0 : std::stoi(metrics.substr(at + series.size()));
}

class DiscoveryClientTest : public ::testing::Test {
 protected:
  TestDatabase peer_db;
  TestServer peer{peer_db.conninfo(), {{"peer_name", "Team B"}}};
  std::string origin = "https://127.0.0.1:" + std::to_string(peer.port());
  federation::HttpsClient client{trusting_test_ca()};
};

TEST_F(DiscoveryClientTest, DiscoversARealInstanceAndKeepsItForTheMaxAge) {
  federation::DiscoveryClient discovery(client);
  auto document = run(discovery.discover(origin));
  EXPECT_EQ(document.origin, origin);
  EXPECT_EQ(document.name, "Team B");
  ASSERT_EQ(document.keys.size(), 1u);
  EXPECT_EQ(document.keys[0].id.rfind(origin + "/.well-known/hindsight#k", 0), 0u);
  EXPECT_EQ(document.inbox_path, "/federation/v1/inbox");
  int fetched = discovery_requests(peer);
  EXPECT_EQ(fetched, 1);
  auto again = run(discovery.discover(origin));
  EXPECT_EQ(again.keys[0].public_key, document.keys[0].public_key);
  EXPECT_EQ(discovery_requests(peer), fetched) << "served from the cache";
  auto key = run(discovery.key(origin, document.keys[0].id));
  ASSERT_TRUE(key);
  EXPECT_EQ(key->public_key, document.keys[0].public_key);
}

TEST_F(DiscoveryClientTest, AnUnknownKeyRefetchesAtMostOncePerInterval) {
  federation::DiscoveryClient discovery(client, {.max_age = 3600s, .min_refetch_interval = 1s});
  run(discovery.discover(origin));
  db::ConnectionPool pool(peer_db.conninfo(), 1);
  federation::InstanceKeys keys(*common::crypto::base64_decode(kTestKeyEncryptionKey));
  auto made = db::with_transaction(pool, [&](db::Transaction& tx) {
    return keys.rotate(tx, {std::nullopt, "test"});
  });
  std::string new_id = origin + "/.well-known/hindsight#" + made.key_id;
  // Within the interval the cached document stands: the new key is not known yet.
  EXPECT_FALSE(run(discovery.key(origin, new_id)));
  EXPECT_EQ(discovery_requests(peer), 1);
  std::this_thread::sleep_for(1100ms);
  auto key = run(discovery.key(origin, new_id));
  ASSERT_TRUE(key) << "refetched for the unknown key";
  EXPECT_EQ(key->public_key, made.public_key);
  EXPECT_EQ(discovery_requests(peer), 2);
  EXPECT_FALSE(run(discovery.key(origin, origin + "/.well-known/hindsight#k0000000000000000")));
  EXPECT_EQ(discovery_requests(peer), 2) << "no second fetch inside the interval";
}

TEST_F(DiscoveryClientTest, CallersArrivingDuringAFetchShareIt) {
  federation::DiscoveryClient discovery(client);
  constexpr int kCallers = 16;
  asio::io_context io;
  std::vector<std::future<federation::PeerDiscovery>> answers;
  for (int i = 0; i < kCallers; ++i)
    answers.push_back(asio::co_spawn(io, discovery.discover(origin), asio::use_future));
  std::thread second([&] { io.run(); });
  io.run();
  second.join();
  for (auto& answer : answers)
    EXPECT_EQ(answer.get().origin, origin) << "every caller gets the document, none is refused";
  EXPECT_EQ(discovery_requests(peer), 1);
}

TEST_F(DiscoveryClientTest, ADocumentThatNamesAnotherInstanceIsRefused) {
  federation::DiscoveryClient discovery(client);
  // The same server under another name: its document says 127.0.0.1, not localhost.
  std::string alias = "https://localhost:" + std::to_string(peer.port());
  try {
    run(discovery.discover(alias));
    FAIL() << "accepted a document for another origin";
  } catch (const federation::DiscoveryError& e) {
    EXPECT_NE(std::string(e.what()).find("names instance"), std::string::npos) << e.what();
  }
  // Tried less than a minute ago: not fetched again, and said so.
  int fetched = discovery_requests(peer);
  EXPECT_THROW(run(discovery.discover(alias)), federation::DiscoveryError);
  EXPECT_EQ(discovery_requests(peer), fetched);
}

TEST_F(DiscoveryClientTest, PublicPeersOnlyRefusesALoopbackPeerBeforeConnecting) {
  auto options = trusting_test_ca();
  options.public_addresses_only = true;
  federation::HttpsClient public_only(options);
  federation::DiscoveryClient discovery(public_only);
  EXPECT_THROW(run(discovery.discover(origin)), federation::HttpsError);
  EXPECT_EQ(discovery_requests(peer), 0);
}

}  // namespace
}  // namespace hindsight::test
