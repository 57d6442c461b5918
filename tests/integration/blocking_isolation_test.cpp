// Blocking database work runs on its own pool, never on the I/O threads: while every database
// thread waits on slow work, health checks and reads served from memory still answer at once.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "federation/http/https_client.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

int sessions_waiting_on_a_lock(const TestDatabase& db) {
  pqxx::connection conn(db.conninfo());
  pqxx::nontransaction tx(conn);
  return tx
      .exec1(
          "SELECT count(*) FROM pg_stat_activity "
          "WHERE datname = current_database() AND wait_event_type = 'Lock'")[0]
      .as<int>();
}

TEST(BlockingIsolation, SlowDatabaseWorkDoesNotStopHealthChecksOrCachedReads) {
  TestDatabase db;
  // Two I/O threads and four database threads: six held writes outnumber both.
  TestServer server(db.conninfo(), {{"threads", "2"}, {"db_pool_size", "4"}});
  std::string token = server.create_user_with_token("kim", "member");
  auto created =
      server.request("POST", "/api/v1/postmortems", R"({"title":"t","severity":"SEV3"})", token);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = json::parse(created.body)["id"];
  ASSERT_EQ(server.get("/api/v1/postmortems/" + id, token).status, 200);  // now in memory

  // Every new postmortem now waits for this lock, holding a database thread.
  pqxx::connection locker(db.conninfo());
  pqxx::work lock(locker);
  lock.exec0("LOCK TABLE postmortems IN ACCESS EXCLUSIVE MODE");

  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  options.timeout = 60s;
  federation::HttpsClient patient(options);
  std::vector<std::future<federation::HttpsResponse>> writes;
  for (int i = 0; i < 6; ++i) {
    writes.push_back(std::async(std::launch::async, [&] {
      federation::HttpsRequest req{
          "POST",
          server.url("/api/v1/postmortems"),
          {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
          R"({"title":"held","severity":"SEV3"})"};
      return patient.send(std::move(req));
    }));
  }
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (sessions_waiting_on_a_lock(db) < 4 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  ASSERT_EQ(sessions_waiting_on_a_lock(db), 4) << "every database thread should be held";

  auto started = std::chrono::steady_clock::now();
  auto health = server.get("/healthz");
  auto cached = server.get("/api/v1/postmortems/" + id, token);
  auto metrics = server.get("/metrics");
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(cached.status, 200);
  EXPECT_EQ(json::parse(cached.body)["id"], id);
  EXPECT_EQ(metrics.status, 200);
  EXPECT_LT(elapsed, 2s);
  // They answered while the writes were still held.
  for (auto& write : writes)
    EXPECT_EQ(write.wait_for(0s), std::future_status::timeout);

  lock.abort();
  for (auto& write : writes)
    EXPECT_EQ(write.get().status, 201);
}

}  // namespace
}  // namespace hindsight::test
