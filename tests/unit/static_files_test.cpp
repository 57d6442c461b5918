// Serving the frontend build: files, the single-page-app fallback, and refusing anything
// outside the root.
#include "server/http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace hindsight::server {
namespace {
namespace fs = std::filesystem;

const std::string kIndex = "<!doctype html><title>app</title><div id=app>INDEX-PAGE</div>\n";
const std::string kAppJs = "console.log('APP-JS');\n";
const std::string kSecret = "TOP-SECRET-OUTSIDE-THE-ROOT\n";

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::optional<std::string> header_of(const Response& r, const std::string& name) {
  auto same = [&](const std::string& other) {
    return other.size() == name.size() &&
           std::equal(other.begin(), other.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (const auto& [n, v] : r.headers)
    if (same(n)) return v;
  return std::nullopt;
}

Request get(std::string path, std::string method = "GET") {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

// base/
//   secret             <- outside the root
//   root/index.html
//   root/assets/app.js
//   root/leak          -> ../secret (symlink)
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    std::random_device rd;
    for (int attempt = 0; attempt < 100 && base_.empty(); ++attempt) {
      fs::path candidate =
          fs::temp_directory_path() / ("hindsight-static-test-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(counter++) + "-" + std::to_string(rd()));
      if (fs::create_directory(candidate)) base_ = candidate;
    }
    ASSERT_FALSE(base_.empty()) << "could not create a temporary directory";
    root_ = base_ / "root";
    fs::create_directories(root_ / "assets");
    write_file(root_ / "index.html", kIndex);
    write_file(root_ / "assets" / "app.js", kAppJs);
    write_file(base_ / "secret", kSecret);
  }

  void TearDown() override {
    if (base_.empty()) return;
    std::error_code ignored;
    fs::remove_all(base_, ignored);
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, RootPathServesIndexHtml) {
  StaticFiles files(root_);
  Response r = files.serve(get("/"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kIndex);
  EXPECT_EQ(r.content_type.rfind("text/html", 0), 0u) << r.content_type;
  EXPECT_EQ(header_of(r, "Cache-Control"), std::optional<std::string>("no-cache"));
}

TEST_F(StaticFilesTest, AssetServedAsJavascriptWithImmutableCaching) {
  StaticFiles files(root_);
  Response r = files.serve(get("/assets/app.js"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kAppJs);
  EXPECT_EQ(r.content_type.rfind("text/javascript", 0), 0u) << r.content_type;
  auto cache = header_of(r, "Cache-Control");
  ASSERT_TRUE(cache.has_value());
  EXPECT_NE(cache->find("immutable"), std::string::npos) << *cache;
}

TEST_F(StaticFilesTest, HeadIsServedLikeGet) {
  StaticFiles files(root_);
  Response r = files.serve(get("/assets/app.js", "HEAD"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type.rfind("text/javascript", 0), 0u) << r.content_type;
}

TEST_F(StaticFilesTest, UnknownPathFallsBackToIndexHtml) {
  StaticFiles files(root_);
  for (const char* path : {"/some/spa/route", "/postmortems/42", "/settings/"}) {
    Response r = files.serve(get(path));
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(header_of(r, "Cache-Control"), std::optional<std::string>("no-cache")) << path;
  }
}

TEST_F(StaticFilesTest, MissingAssetIs404NotIndexHtml) {
  StaticFiles files(root_);
  Response r = files.serve(get("/assets/missing-0123abcd.js"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("INDEX-PAGE"), std::string::npos);
}

TEST_F(StaticFilesTest, OnlyRequestsAcceptingHtmlFallBack) {
  StaticFiles files(root_);
  Request page = get("/postmortems/42");
  page.headers.emplace_back("accept", "text/html,application/xhtml+xml,*/*;q=0.8");
  EXPECT_EQ(files.serve(page).body, kIndex);
  Request script = get("/postmortems/42");
  script.headers.emplace_back("accept", "*/*");
  EXPECT_EQ(files.serve(script).status, 404);
  Request data = get("/postmortems/42");
  data.headers.emplace_back("accept", "application/json");
  EXPECT_EQ(files.serve(data).status, 404);
}

TEST_F(StaticFilesTest, EveryAnswerCarriesTheStrictPolicy) {
  StaticFiles files(root_);
  StaticFiles placeholder(std::nullopt);
  std::vector<std::pair<std::string, Response>> answers;
  for (const char* path : {"/", "/assets/app.js", "/some/spa/route", "/assets/nope.js"})
    answers.emplace_back(path, files.serve(get(path)));
  answers.emplace_back("POST /", files.serve(get("/", "POST")));
  answers.emplace_back("placeholder /", placeholder.serve(get("/")));
  answers.emplace_back("placeholder POST /", placeholder.serve(get("/", "POST")));
  for (const auto& [path, answer] : answers) {
    auto policy = header_of(answer, "Content-Security-Policy");
    ASSERT_TRUE(policy.has_value()) << path;
    EXPECT_NE(policy->find("script-src 'self';"), std::string::npos) << *policy;
    EXPECT_NE(policy->find("style-src 'self';"), std::string::npos) << *policy;
    EXPECT_EQ(policy->find("unsafe-inline"), std::string::npos) << *policy;
    EXPECT_EQ(policy->find("http"), std::string::npos) << *policy;
  }
}

TEST_F(StaticFilesTest, DotDotNeverReachesOutsideTheRoot) {
  StaticFiles files(root_);
  for (const char* path :
       {"/../secret", "/assets/../../secret", "/../../secret", "/assets/../../root/../secret"}) {
    Response r = files.serve(get(path));
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << path;
    EXPECT_EQ(r.body, kIndex) << path;
  }
}

TEST_F(StaticFilesTest, DotDotThatStaysInsideTheRootIsServed) {
  StaticFiles files(root_);
  Response r = files.serve(get("/assets/../assets/app.js"));
  EXPECT_EQ(r.body, kAppJs);
}

TEST_F(StaticFilesTest, SymlinkPointingOutsideTheRootIsNotServed) {
  std::error_code ec;
  fs::create_symlink(base_ / "secret", root_ / "leak", ec);
  ASSERT_FALSE(ec) << "cannot create a symlink: " << ec.message();
  StaticFiles files(root_);
  Response r = files.serve(get("/leak"));
  EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos);
  EXPECT_EQ(r.body, kIndex);
}

TEST_F(StaticFilesTest, SymlinkedDirectoryPointingOutsideTheRootIsNotServed) {
  std::error_code ec;
  fs::create_directory_symlink(base_, root_ / "up", ec);
  ASSERT_FALSE(ec) << "cannot create a symlink: " << ec.message();
  StaticFiles files(root_);
  Response r = files.serve(get("/up/secret"));
  EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos);
}

TEST_F(StaticFilesTest, PostIs405WithAllowHeader) {
  StaticFiles files(root_);
  Response r = files.serve(get("/", "POST"));
  EXPECT_EQ(r.status, 405);
  auto allow = header_of(r, "Allow");
  ASSERT_TRUE(allow.has_value());
  EXPECT_NE(allow->find("GET"), std::string::npos) << *allow;
  EXPECT_EQ(allow->find("POST"), std::string::npos) << *allow;
  EXPECT_EQ(r.body.find("INDEX-PAGE"), std::string::npos);
}

TEST(StaticFiles, NoRootServesPlaceholderPage) {
  StaticFiles files(std::nullopt);
  Response r = files.serve(get("/"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type.rfind("text/html", 0), 0u) << r.content_type;
  EXPECT_NE(r.body.find("Hindsight"), std::string::npos) << r.body;
  // Every path gets it, not a 404.
  EXPECT_EQ(files.serve(get("/some/spa/route")).body, r.body);
}

TEST(StaticFiles, MissingRootDirectoryServesPlaceholderPage) {
  StaticFiles files(fs::path("/nonexistent-hindsight-test-dir/dist"));
  Response r = files.serve(get("/"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Hindsight"), std::string::npos) << r.body;
}

TEST(ContentTypeFor, KnowsTheFrontendFileTypes) {
  EXPECT_EQ(content_type_for("index.html").rfind("text/html", 0), 0u);
  EXPECT_EQ(content_type_for("app.mjs").rfind("text/javascript", 0), 0u);
  EXPECT_EQ(content_type_for("app.css").rfind("text/css", 0), 0u);
  EXPECT_EQ(content_type_for("logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("blob.bin"), "application/octet-stream");
  EXPECT_EQ(content_type_for("no-extension"), "application/octet-stream");
}

}  // namespace
}  // namespace hindsight::server
