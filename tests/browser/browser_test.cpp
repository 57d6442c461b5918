// The web frontend in a real Chromium (Debian's, driven by playwright-core) against a real
// `hindsight serve` on its own database: tests/browser/suite.mjs holds the scenarios; this test
// starts the server, creates the people the scenarios sign in as, and runs the suite.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {
namespace fs = std::filesystem;

const char* kPassword = "correct horse battery staple";

void add_user(const std::string& conninfo, const std::string& username, const std::string& role,
              const std::string& display_name) {
  auto r = run_hindsight({"user", "add", "--username", username, "--role", role, "--display-name",
                          display_name, "--password-stdin", "--database", conninfo},
                         std::string(kPassword) + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST(Browser, ScenariosPassInChromiumAgainstTheRealServer) {
  fs::path dist = HINDSIGHT_FRONTEND_DIST;
  ASSERT_TRUE(fs::exists(dist / "index.html"))
      << "no frontend build at " << dist << ": run `npm ci && npm run build` in frontend/ "
      << "(deploy/test.sh does)";
  ASSERT_TRUE(fs::exists(fs::path(HINDSIGHT_BROWSER_SUITE).parent_path() / "node_modules" /
                         "playwright-core"))
      << "playwright-core is missing: run `npm ci --prefix tests/browser` (deploy/test.sh does)";

  TestDatabase db;
  add_user(db.conninfo(), "alice", "member", "Alice Author");
  add_user(db.conninfo(), "rita", "reviewer", "Rita Reviewer");
  auto data_dir = make_temp_dir("hindsight-browser");
  ServerProcess server({"serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir.string(),
                        "--database", db.conninfo(), "--tls-cert", test_pki().cert_file,
                        "--tls-key", test_pki().key_file, "--static-dir", dist.string()});
  uint16_t port = server.wait_listening();

  fs::path shots = HINDSIGHT_SCREENSHOT_DIR;
  fs::create_directories(shots);
  const char* node = std::getenv("HINDSIGHT_NODE");
  auto suite =
      run_script("HINDSIGHT_URL=" + shell_quoted("https://127.0.0.1:" + std::to_string(port)) +
                 " HINDSIGHT_PASSWORD=" + shell_quoted(kPassword) +
                 " HINDSIGHT_SCREENSHOTS=" + shell_quoted(shots.string()) + " " +
                 shell_quoted(node != nullptr && *node ? node : "node") + " " +
                 shell_quoted(HINDSIGHT_BROWSER_SUITE));
  std::cout << suite.output;
  EXPECT_EQ(suite.exit_code, 0) << suite.output;

  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_exit(), 0);
  fs::remove_all(data_dir);
}

}  // namespace
}  // namespace hindsight::test
