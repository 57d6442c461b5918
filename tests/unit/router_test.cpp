// The route table: matching, precedence of literal segments, path parameters and 405 data.
#include "server/http/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace hindsight::server {
namespace {

// A handler whose response body names the route it belongs to.
Handler named(std::string name) {
  return [name = std::move(name)](Request&) { return Response::text(200, "text/plain", name); };
}

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(Router, LiteralSegmentBeatsParameter) {
  Router router;
  router.add("GET", "/api/v1/tokens/{id}", Access::signed_in, named("by-id"));
  router.add("GET", "/api/v1/tokens/mine", Access::signed_in, named("mine"));

  Request mine = request("GET", "/api/v1/tokens/mine");
  RouteMatch m = router.match(mine);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/tokens/mine");
  EXPECT_EQ(m.route->handler(mine).body, "mine");
  EXPECT_TRUE(mine.path_params.empty());

  Request other = request("GET", "/api/v1/tokens/abc123");
  RouteMatch o = router.match(other);
  ASSERT_NE(o.route, nullptr);
  EXPECT_EQ(o.route->pattern, "/api/v1/tokens/{id}");
}

TEST(Router, LiteralSegmentBeatsParameterRegardlessOfRegistrationOrder) {
  Router router;
  router.add("GET", "/api/v1/tokens/mine", Access::signed_in, named("mine"));
  router.add("GET", "/api/v1/tokens/{id}", Access::signed_in, named("by-id"));
  Request mine = request("GET", "/api/v1/tokens/mine");
  RouteMatch m = router.match(mine);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/tokens/mine");
}

TEST(Router, ParametersExtractedIntoPathParams) {
  Router router;
  router.add("GET", "/api/v1/postmortems/{id}/comments/{comment_id}", Access::member,
             named("comment"));
  Request r = request("GET", "/api/v1/postmortems/42/comments/7");
  RouteMatch m = router.match(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->access, Access::member);
  ASSERT_EQ(r.path_params.size(), 2u);
  EXPECT_EQ(r.path_params["id"], "42");
  EXPECT_EQ(r.path_params["comment_id"], "7");
}

TEST(Router, MethodMismatchGivesNoRouteButListsAllowedMethods) {
  Router router;
  router.add("GET", "/api/v1/tokens", Access::signed_in, named("list"));
  router.add("POST", "/api/v1/tokens", Access::signed_in, named("create"));
  router.add("DELETE", "/api/v1/tokens/{id}", Access::signed_in, named("delete"));

  Request r = request("PUT", "/api/v1/tokens");
  RouteMatch m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(sorted(m.allowed_methods), (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, RegisteringSameMethodAndPatternTwiceThrowsLogicError) {
  Router router;
  router.add("GET", "/api/v1/health", Access::anyone, named("first"));
  EXPECT_THROW(router.add("GET", "/api/v1/health", Access::anyone, named("second")),
               std::logic_error);
  // Another method on the same pattern is fine.
  EXPECT_NO_THROW(router.add("HEAD", "/api/v1/health", Access::anyone, named("head")));
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST(Router, UnknownPathGivesNeitherRouteNorAllowedMethods) {
  Router router;
  router.add("GET", "/api/v1/tokens", Access::signed_in, named("list"));
  router.add("GET", "/api/v1/tokens/{id}", Access::signed_in, named("get"));
  Request r = request("GET", "/api/v1/nothing/here/at/all");
  RouteMatch m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, ParameterNeverMatchesAnEmptySegment) {
  Router router;
  router.add("GET", "/api/v1/tokens/{id}", Access::signed_in, named("get"));
  Request r = request("GET", "/api/v1/tokens/");
  RouteMatch m = router.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, TrailingSlashDoesNotMatchPatternWithout) {
  Router router;
  router.add("GET", "/a/b", Access::anyone, named("ab"));
  Request exact = request("GET", "/a/b");
  EXPECT_NE(router.match(exact).route, nullptr);
  Request slash = request("GET", "/a/b/");
  RouteMatch m = router.match(slash);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, RootPatternMatchesRootPath) {
  Router router;
  router.add("GET", "/", Access::anyone, named("root"));
  Request root = request("GET", "/");
  RouteMatch m = router.match(root);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/");
  Request other = request("GET", "/x");
  EXPECT_EQ(router.match(other).route, nullptr);
}

TEST(Router, RoutesKeepPatternSegments) {
  Router router;
  router.add("GET", "/api/v1/tokens/{id}", Access::admin, named("get"));
  ASSERT_EQ(router.routes().size(), 1u);
  EXPECT_EQ(router.routes()[0].segments, (std::vector<std::string>{"api", "v1", "tokens", "{id}"}));
}

TEST(SplitPath, RootIsNoSegments) {
  EXPECT_TRUE(split_path("/").empty());
}

TEST(SplitPath, SplitsOnSlashes) {
  EXPECT_EQ(split_path("/a/b"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_path("/api/v1/tokens"), (std::vector<std::string>{"api", "v1", "tokens"}));
}

TEST(SplitPath, TrailingSlashYieldsEmptyLastSegment) {
  EXPECT_EQ(split_path("/a/b/"), (std::vector<std::string>{"a", "b", ""}));
}

}  // namespace
}  // namespace hindsight::server
