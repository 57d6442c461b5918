// The built frontend as a browser gets it from a running server: the single-page-app fallback
// for page loads only, the caching and security headers, traversal refused, and the API and
// federation paths never answered with the application.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/raw_tls_connection.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {
namespace fs = std::filesystem;

const std::string kIndex = "<!doctype html><title>app</title><div id=root>INDEX-PAGE</div>\n";
const HeaderPairs kPageLoad = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// base/secret.txt sits beside the served root base/dist.
class FrontendServingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(base / "dist" / "assets");
    write_file(base / "dist" / "index.html", kIndex);
    write_file(base / "dist" / "assets" / "index-3f2a9c1d.js", "console.log('app');\n");
    write_file(base / "dist" / "assets" / "index-77aa01be.css", "body{margin:0}\n");
    write_file(base / "secret.txt", "TOP-SECRET\n");
    server = std::make_unique<TestServer>(
        db.conninfo(),
        std::map<std::string, std::string>{{"static_dir", (base / "dist").string()}});
  }
  void TearDown() override {
    server.reset();
    fs::remove_all(base);
  }

  federation::HttpsResponse page(const std::string& path) const {
    return server->request("GET", path, {}, std::nullopt, kPageLoad);
  }

  TestDatabase db;
  fs::path base = make_temp_dir("hindsight-frontend");
  std::unique_ptr<TestServer> server;
};

TEST_F(FrontendServingTest, PageLoadsOfAppRoutesGetIndexHtmlUncached) {
  for (const char* path : {"/", "/postmortems", "/postmortems/3b1d/edit", "/account"}) {
    auto r = page(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(r.header("cache-control"), "no-cache") << path;
  }
}

TEST_F(FrontendServingTest, HashedAssetsAreCachedForeverWithTheirContentType) {
  auto js = server->get("/assets/index-3f2a9c1d.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  auto css = server->get("/assets/index-77aa01be.css");
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("x-content-type-options"), "nosniff");
}

TEST_F(FrontendServingTest, StrictPolicyAllowsOnlyOwnScriptsAndStyles) {
  for (const char* path : {"/", "/postmortems/new", "/assets/index-3f2a9c1d.js"}) {
    auto r = page(path);
    std::string policy = r.header("content-security-policy");
    EXPECT_NE(policy.find("script-src 'self';"), std::string::npos) << policy;
    EXPECT_NE(policy.find("style-src 'self';"), std::string::npos) << policy;
    EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("unsafe"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("http"), std::string::npos) << policy;  // no other origin
    EXPECT_EQ(policy.find(','), std::string::npos) << "one policy, not two: " << policy;
  }
}

TEST_F(FrontendServingTest, MissingAssetsAndNonPageRequestsAre404) {
  EXPECT_EQ(page("/assets/index-00000000.js").status, 404);
  EXPECT_EQ(server->request("GET", "/postmortems", {}, std::nullopt, {{"Accept", "*/*"}}).status,
            404);
  auto r = server->request("GET", "/favicon.png", {}, std::nullopt, {{"Accept", "image/png"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("INDEX-PAGE"), std::string::npos);
}

TEST_F(FrontendServingTest, ApiAndFederationPathsNeverFallBack) {
  for (const char* path : {"/api/v1/no-such-route", "/api/nothing", "/federation/v1/nothing",
                           "/.well-known/hindsight/x", "/api", "/public/nothing"}) {
    auto r = page(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("content-type"), "application/json") << path;
    EXPECT_EQ(r.body.find("INDEX-PAGE"), std::string::npos) << path;
  }
}

TEST_F(FrontendServingTest, TraversalNeverLeavesTheRoot) {
  for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                             "/assets/..%2f..%2fsecret.txt"}) {
    RawTlsConnection conn(server->port(), test_pki().ca_file);
    conn.write(std::string("GET ") + target +
               " HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
    std::string answer = conn.read_until_closed(std::chrono::seconds(5));
    EXPECT_EQ(answer.find("TOP-SECRET"), std::string::npos) << target;
    EXPECT_FALSE(answer.empty()) << target;
  }
}

TEST_F(FrontendServingTest, PostToAnAppPathIs405) {
  auto r = server->request("POST", "/postmortems", "{}", std::nullopt, kPageLoad);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.body.find("INDEX-PAGE"), std::string::npos);
}

}  // namespace
}  // namespace hindsight::test
