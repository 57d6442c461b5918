// The served OpenAPI document, walked against the real server: every operation with valid and
// invalid requests generated from the document's own schemas (tests/api/openapi_walk.py). Fails
// on any 5xx, on documented-valid input refused, and on answers that break their schema.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "federation/http/https_client.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

TEST(OpenApiWalk, EveryOperationAgreesWithTheDocument) {
  TestDatabase db;
  auto dir = make_temp_dir("hindsight-walk");
  ServerProcess server({"serve", "--listen", "127.0.0.1:0", "--data-dir", dir.string(),
                        "--tls-cert", test_pki().cert_file, "--tls-key", test_pki().key_file,
                        "--database", db.conninfo(),
                        // The cheapest Argon2 allowed: the walk signs in and sets passwords many times.
                        "--password-hash-memory-kib", "19456", "--password-hash-passes", "2"});
  uint16_t port = server.wait_listening();
  std::string base = "https://127.0.0.1:" + std::to_string(port);

  auto token = run_hindsight({"token", "add", "--username", "admin", "--database", db.conninfo()});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string t = token.out.substr(0, token.out.find('\n'));

  // One postmortem, so operations on /postmortems/{id} have a real target too.
  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  federation::HttpsClient client(options);
  federation::HttpsRequest create;
  create.method = "POST";
  create.url = base + "/api/v1/postmortems";
  create.headers = {{"Authorization", "Bearer " + t}, {"Content-Type", "application/json"}};
  create.body = R"({"title": "Checkout outage", "severity": "SEV2",
    "started_at": "2026-05-01T10:00:00Z", "summary": "Payments failed.",
    "action_items": [{"text": "Add an alert", "owner": "admin", "due": "2026-06-30"}]})";
  auto created = client.send(create);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = nlohmann::json::parse(created.body)["id"];

  auto result = run_script("/usr/bin/python3 " + shell_quoted(HINDSIGHT_OPENAPI_WALK) + " --url " +
                           shell_quoted(base) + " --ca " + shell_quoted(test_pki().ca_file) +
                           " --token " + shell_quoted(t) + " --postmortem-id " + shell_quoted(id));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::cout << result.output.substr(0, result.output.find('\n')) << "\n";

  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_exit(), 0) << server.stderr_text().substr(0, 4000);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hindsight::test
