// The web frontend in a real Chromium (Debian's, driven by playwright-core) against a real
// `hindsight serve` on its own database: tests/browser/suite.mjs holds the scenarios; this test
// starts the server, creates the people the scenarios sign in as, and runs the suite.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {
namespace fs = std::filesystem;

const char* kPassword = "correct horse battery staple";

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Single quotes for /bin/sh.
std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

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
  fs::path log = data_dir / "suite.log";
  const char* node = std::getenv("HINDSIGHT_NODE");
  std::string command = "HINDSIGHT_URL=" + quoted("https://127.0.0.1:" + std::to_string(port)) +
                        " HINDSIGHT_PASSWORD=" + quoted(kPassword) +
                        " HINDSIGHT_SCREENSHOTS=" + quoted(shots.string()) + " " +
                        quoted(node != nullptr && *node ? node : "node") + " " +
                        quoted(HINDSIGHT_BROWSER_SUITE) + " >" + quoted(log.string()) + " 2>&1";
  int status = std::system(command.c_str());
  std::string output = read_text(log);
  std::cout << output;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;

  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_exit(), 0);
  fs::remove_all(data_dir);
}

}  // namespace
}  // namespace hindsight::test
