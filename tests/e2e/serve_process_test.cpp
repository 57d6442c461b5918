// `hindsight serve` as a real process: embedded PostgreSQL, HTTPS verified against a test CA,
// graceful SIGTERM, and the embedded cluster stopped on exit.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "common/db/embedded_postgres.hpp"
#include "federation/http/https_client.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/raw_tls_connection.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

federation::HttpsResponse fetch(uint16_t port, const std::string& path,
                                const std::optional<std::string>& token = std::nullopt) {
  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  options.max_response_bytes = 1024 * 1024;  // the OpenAPI document is larger than the default cap
  federation::HttpsClient client(options);
  federation::HttpsRequest req;
  req.url = "https://127.0.0.1:" + std::to_string(port) + path;
  if (token) req.headers.emplace_back("Authorization", "Bearer " + *token);
  return client.send(req);
}

std::vector<std::string> serve_args(const std::string& data_dir) {
  return {"serve",      "--listen",           "127.0.0.1:0", "--data-dir",       data_dir,
          "--tls-cert", test_pki().cert_file, "--tls-key",   test_pki().key_file};
}

// Stops the embedded cluster left behind when a test fails before the server shuts down.
struct StopClusterOnExit {
  std::filesystem::path dir;
  ~StopClusterOnExit() {
    try {
      common::EmbeddedPostgres pg(dir);
      if (pg.running()) pg.stop();
    } catch (...) {
    }
    std::filesystem::remove_all(dir);
  }
};

TEST(ServeProcess, EmbeddedDatabaseVerifiedTlsAndCleanShutdown) {
  auto dir = make_temp_dir("hindsight-e2e");
  StopClusterOnExit cleanup{dir};
  ServerProcess server(serve_args(dir.string()));
  uint16_t port = server.wait_listening();

  // First start: an admin with a random password, told to the terminal, never to the log.
  EXPECT_NE(server.stderr_text().find("as 'admin' with password"), std::string::npos);
  auto r = fetch(port, "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(fetch(port, "/readyz").status, 200);
  EXPECT_EQ(fetch(port, "/api/v1/me").status, 401);
  EXPECT_EQ(fetch(port, "/api/v1/openapi.json").status, 200);

  // A CLI command while the server runs uses the same cluster and leaves it running.
  auto token = run_hindsight({"token", "add", "--username", "admin", "--data-dir", dir.string()});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string t = token.out.substr(0, token.out.find('\n'));
  EXPECT_EQ(fetch(port, "/api/v1/me", t).status, 200);

  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_exit(), 0);
  EXPECT_EQ(server.stdout_text().find("with password"), std::string::npos);
  EXPECT_FALSE(common::EmbeddedPostgres(dir).running());

  // Second start reuses the data: no new admin password.
  ServerProcess again(serve_args(dir.string()));
  uint16_t port2 = again.wait_listening();
  EXPECT_EQ(again.stderr_text().find("with password"), std::string::npos);
  EXPECT_EQ(fetch(port2, "/api/v1/me", t).status, 200);
  again.signal(SIGINT);
  EXPECT_EQ(again.wait_exit(), 0);
  std::filesystem::remove_all(dir);
}

// `hindsight serve` on a database of its own (no embedded cluster), stopped by the test.
class ServeOnDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    auto args = serve_args(dir.string());
    args.insert(args.end(), {"--database", db.conninfo()});
    server = std::make_unique<ServerProcess>(args);
    port = server->wait_listening();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  TestDatabase db;
  std::filesystem::path dir = make_temp_dir("hindsight-e2e");
  std::unique_ptr<ServerProcess> server;
  uint16_t port = 0;
};

TEST_F(ServeOnDatabase, ClientWithoutTheCaRefusesTheCertificate) {
  federation::HttpsClientOptions options;
  options.use_system_store = true;  // the test CA is not in it
  federation::HttpsClient client(options);
  federation::HttpsRequest req;
  req.url = "https://127.0.0.1:" + std::to_string(port) + "/healthz";
  EXPECT_THROW(client.send(req), federation::HttpsError);
  server->signal(SIGTERM);
  EXPECT_EQ(server->wait_exit(), 0);
}

TEST_F(ServeOnDatabase, SigtermDuringARequestLetsItFinish) {
  auto token = run_hindsight({"token", "add", "--username", "admin", "--database", db.conninfo()});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string t = token.out.substr(0, token.out.find('\n'));

  RawTlsConnection conn(port, test_pki().ca_file);
  std::string body = R"({"name": "in-flight"})";
  conn.write("POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + t +
             "\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 4));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server->signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // New connections are refused while the old request is still being read.
  EXPECT_THROW(RawTlsConnection(port, test_pki().ca_file), std::exception);
  conn.write(body.substr(4));
  std::string answer = conn.read_until_closed(std::chrono::seconds(10));
  EXPECT_NE(answer.find("HTTP/1.1 201"), std::string::npos) << answer;
  EXPECT_EQ(server->wait_exit(), 0);
}

}  // namespace
}  // namespace hindsight::test
