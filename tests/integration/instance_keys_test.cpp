// The instance's signing keys: made on first start and shared by the servers on one database,
// sealed at rest, rotated with a grace period, revoked from discovery at once, and a wrong
// key-encryption key stops a server at start.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/random.hpp"
#include "common/crypto/sealed_box.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "federation/identity/instance_keys.hpp"
#include "federation/identity/key_encryption_key.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

namespace db = common::db;
namespace crypto = common::crypto;
using nlohmann::json;
using namespace std::chrono_literals;

const common::audit::Actor kOperator{std::nullopt, "cli"};

std::string test_kek() {
  return *crypto::base64_decode(kTestKeyEncryptionKey);
}

json discovery(const TestServer& server) {
  auto r = server.get("/.well-known/hindsight");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("cache-control"), "public, max-age=60");
  return json::parse(r.body);
}

std::vector<std::string> key_ids(const json& document) {
  std::vector<std::string> ids;
  for (const auto& key : document["keys"])
    ids.push_back(key["id"]);
  return ids;
}

// The server hears the change through the change feed; give it a moment.
json discovery_when(const TestServer& server, const std::function<bool(const json&)>& ready) {
  json document;
  for (int i = 0; i < 100; ++i) {
    document = discovery(server);
    if (ready(document)) break;
    std::this_thread::sleep_for(50ms);
  }
  return document;
}

class InstanceKeysTest : public ::testing::Test {
 protected:
  TestDatabase db;
  db::ConnectionPool pool{db.conninfo(), 1};
  federation::InstanceKeys keys{test_kek()};
};

TEST_F(InstanceKeysTest, FirstStartMakesOneKeyThatServersOnOneDatabaseShare) {
  TestServer a(db.conninfo(), {{"public_url", "https://a.example"}, {"peer_name", "Team A"}});
  TestServer b(db.conninfo(), {{"public_url", "https://a.example"}, {"peer_name", "Team A"}});
  json from_a = discovery(a);
  EXPECT_EQ(from_a, discovery(b));
  EXPECT_EQ(from_a["protocol"], "hindsight-federation/1");
  EXPECT_EQ(from_a["instance"], "https://a.example");
  EXPECT_EQ(from_a["name"], "Team A");
  EXPECT_EQ(from_a["endpoints"]["inbox"], "/federation/v1/inbox");
  EXPECT_EQ(from_a["software"]["name"], "hindsight");
  ASSERT_EQ(from_a["keys"].size(), 1u);
  const json& key = from_a["keys"][0];
  std::string id = key["id"];
  EXPECT_EQ(id.rfind("https://a.example/.well-known/hindsight#k", 0), 0u) << id;
  EXPECT_EQ(key["alg"], "ed25519");
  EXPECT_TRUE(key["not_after"].is_null());

  // The stored private key is sealed: only the key-encryption key opens it, and it is the
  // private half of the published key.
  auto signing =
      db::with_transaction(pool, [&](db::Transaction& tx) { return keys.signing_key(tx); });
  EXPECT_EQ(id.substr(id.find('#') + 1), signing.key_id);
  auto public_key = crypto::base64url_decode(key["public_key"].get<std::string>());
  ASSERT_TRUE(public_key);
  EXPECT_EQ(signing.key.public_key(), *public_key);
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  auto sealed = pqxx::binarystring(tx.exec1("SELECT sealed_private_key FROM instance_keys")[0]);
  EXPECT_EQ(sealed.str().find(signing.key.raw()), std::string::npos);
}

TEST_F(InstanceKeysTest, ServersStartingTogetherOnAnEmptyDatabaseMakeOneKey) {
  // Each start checks for a key and makes one if there is none; the advisory lock makes the
  // second wait for the first, so it finds the first one's key.
  std::vector<std::future<std::unique_ptr<TestServer>>> starting;
  for (int i = 0; i < 3; ++i)
    starting.push_back(std::async(std::launch::async, [&] {
      return std::make_unique<TestServer>(db.conninfo(), std::map<std::string, std::string>{});
    }));
  std::vector<std::unique_ptr<TestServer>> servers;
  for (auto& s : starting)
    servers.push_back(s.get());
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM instance_keys")[0].as<int>(), 1);
  for (const auto& server : servers)
    EXPECT_EQ(discovery(*server)["keys"].size(), 1u);
}

TEST_F(InstanceKeysTest, RotationSignsWithTheNewKeyAndKeepsTheOldOneForTheGrace) {
  TestServer server(db.conninfo(), {{"public_url", "https://a.example"}});
  std::string first = key_ids(discovery(server)).at(0);
  auto before = std::chrono::system_clock::now();
  auto made =
      db::with_transaction(pool, [&](db::Transaction& tx) { return keys.rotate(tx, kOperator); });
  json document = discovery_when(server, [](const json& d) { return d["keys"].size() == 2; });
  ASSERT_EQ(document["keys"].size(), 2u) << document.dump();
  EXPECT_EQ(document["keys"][0]["id"], "https://a.example/.well-known/hindsight#" + made.key_id);
  EXPECT_TRUE(document["keys"][0]["not_after"].is_null());
  EXPECT_EQ(document["keys"][1]["id"], first);
  // The old key verifies for 7 days from the rotation.
  std::string not_after = document["keys"][1]["not_after"];
  auto grace_end = before + federation::kRotationGrace;
  EXPECT_GE(not_after, common::format_rfc3339(grace_end - 5s));
  EXPECT_LE(not_after, common::format_rfc3339(grace_end + 60s));
  auto signing =
      db::with_transaction(pool, [&](db::Transaction& tx) { return keys.signing_key(tx); });
  EXPECT_EQ(signing.key_id, made.key_id);

  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'instance_key.rotate' AND "
                     "target_id = " +
                     tx.quote(made.key_id))[0]
                .as<int>(),
            1);
}

TEST_F(InstanceKeysTest, RevocationDropsAKeyFromDiscoveryAtOnceButNeverTheLastOne) {
  TestServer server(db.conninfo(), {{"public_url", "https://a.example"}});
  std::string first = key_ids(discovery(server)).at(0);
  std::string first_id = first.substr(first.find('#') + 1);
  EXPECT_THROW(db::with_transaction(pool,
                                    [&](db::Transaction& tx) {
                                      return federation::revoke_instance_key(tx, kOperator,
                                                                             first_id);
                                    }),
               std::invalid_argument);

  auto made =
      db::with_transaction(pool, [&](db::Transaction& tx) { return keys.rotate(tx, kOperator); });
  bool revoked = db::with_transaction(pool, [&](db::Transaction& tx) {
    return federation::revoke_instance_key(tx, kOperator, first_id);
  });
  EXPECT_TRUE(revoked);
  json document = discovery_when(server, [](const json& d) { return d["keys"].size() == 1; });
  EXPECT_EQ(key_ids(document),
            std::vector<std::string>{"https://a.example/.well-known/hindsight#" + made.key_id});
  EXPECT_FALSE(db::with_transaction(pool, [&](db::Transaction& tx) {
    return federation::revoke_instance_key(tx, kOperator, first_id);
  })) << "already revoked";
  EXPECT_FALSE(db::with_transaction(pool, [&](db::Transaction& tx) {
    return federation::revoke_instance_key(tx, kOperator, "k0000000000000000");
  }));
}

TEST_F(InstanceKeysTest, AnotherKeyEncryptionKeyStopsTheServerAtStartSayingWhy) {
  { TestServer first(db.conninfo()); }
  try {
    TestServer other(db.conninfo(),
                     {{"key_encryption_key", crypto::base64_encode(std::string(32, 'x'))}});
    FAIL() << "a server with another key-encryption key started";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("key_encryption_key"), std::string::npos) << e.what();
  }
}

TEST(KeyEncryptionKey, ConfiguredValueIsBase64Of32Bytes) {
  auto dir = std::filesystem::temp_directory_path() / "hindsight-kek-configured";
  std::string raw(32, '\x07');
  EXPECT_EQ(
      federation::load_key_encryption_key(
          common::SettingValue{crypto::base64_encode(raw), "HINDSIGHT_KEY_ENCRYPTION_KEY"}, dir),
      raw);
  try {
    federation::load_key_encryption_key(
        common::SettingValue{crypto::base64_encode("too short"), "HINDSIGHT_KEY_ENCRYPTION_KEY"},
        dir);
    FAIL() << "a short key was accepted";
  } catch (const common::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("HINDSIGHT_KEY_ENCRYPTION_KEY"), std::string::npos);
  }
  EXPECT_FALSE(std::filesystem::exists(dir)) << "a configured key writes no file";
}

TEST(KeyEncryptionKey, WithoutOneAPrivateFileInTheDataDirectoryIsMadeOnceAndKept) {
  auto dir = std::filesystem::temp_directory_path() /
             ("hindsight-kek-" + crypto::hex_encode(crypto::random_bytes(4)));
  std::string first = federation::load_key_encryption_key(std::nullopt, dir);
  EXPECT_EQ(first.size(), 32u);
  EXPECT_EQ(federation::load_key_encryption_key(std::nullopt, dir), first);
  auto file = dir / "keys" / "key-encryption-key";
  auto perms = std::filesystem::status(file).permissions();
  EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hindsight::test
