// The web frontend in a real Chromium (Debian's, driven by playwright-core) against real
// servers: tests/browser/suite.mjs holds the scenarios; this test starts two instances over
// HTTPS, each on its own database with fast delivery timers (the second is the peer the
// federation scenarios subscribe to), creates the people the scenarios sign in as, and runs
// the suite.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "tests/support/child_process.hpp"
#include "tests/support/test_instance.hpp"

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

  // Each instance has ada (admin), rita (reviewer) and mia (member), all with kPassword.
  TestInstance local("Northwind Ops", {{"static_dir", dist.string()}});
  TestInstance peer("Southbank Payments", {{"static_dir", dist.string()}});
  add_user(local.database().conninfo(), "alice", "member", "Alice Author");

  fs::path shots = HINDSIGHT_SCREENSHOT_DIR;
  fs::create_directories(shots);
  const char* node = std::getenv("HINDSIGHT_NODE");
  auto suite = run_script("HINDSIGHT_URL=" + shell_quoted(local.origin()) +
                          " HINDSIGHT_PEER_URL=" + shell_quoted(peer.origin()) +
                          " HINDSIGHT_PASSWORD=" + shell_quoted(kPassword) +
                          " HINDSIGHT_SCREENSHOTS=" + shell_quoted(shots.string()) + " " +
                          shell_quoted(node != nullptr && *node ? node : "node") + " " +
                          shell_quoted(HINDSIGHT_BROWSER_SUITE));
  std::cout << suite.output;
  EXPECT_EQ(suite.exit_code, 0) << suite.output;
}

}  // namespace
}  // namespace hindsight::test
