// Query, path and If-Match values a handler reads: what the server cannot store or use is a
// 400 naming the parameter (404 for a path), never something passed on to PostgreSQL.
#include "server/http/query_params.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "common/error/api_error.hpp"
#include "server/http/if_match.hpp"
#include "tests/support/api_error_from.hpp"

namespace hindsight::server {
namespace {
using common::ApiError;
using test::api_error_from;

Request with_query(std::string query) {
  Request r;
  r.query = std::move(query);
  return r;
}

TEST(QueryText, RefusesNulInvalidUtf8AndOverlongNamingTheParameter) {
  for (const char* query : {"q=a%00b", "q=%FF", "q=%ED%A0%80", "q=%C3%28"}) {
    auto error = api_error_from([&] { query_text(with_query(query), "q", 100); });
    ASSERT_TRUE(error.has_value()) << query;
    EXPECT_EQ(error->status(), 400) << query;
    EXPECT_EQ(error->code(), "validation_failed") << query;
    EXPECT_EQ(error->field(), "q") << query;
  }
  // Characters, not bytes: three two-byte characters fit a limit of three.
  EXPECT_EQ(query_text(with_query("q=%C3%A9%C3%A9%C3%A9"), "q", 3), "\xc3\xa9\xc3\xa9\xc3\xa9");
  EXPECT_TRUE(api_error_from([] { query_text(with_query("q=abcd"), "q", 3); }));
}

TEST(QueryInstant, IsWrittenInUtcWhateverTheOffset) {
  // +16:00 is valid RFC 3339 but beyond what PostgreSQL accepts as an offset.
  EXPECT_EQ(query_instant(with_query("from=2026-05-01T20:00:00%2B16:00"), "from"),
            "2026-05-01T04:00:00Z");
  auto error = api_error_from([] { query_instant(with_query("to=0000-12-31T00:00:00Z"), "to"); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->field(), "to");
}

TEST(PathText, WhatCannotNameAnythingIsNotFound) {
  Request r;
  r.path_params["username"] = std::string("a\xff", 2);
  auto error = api_error_from([&] { path_text(r, "username", 63, "no such user"); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status(), 404);
  r.path_params["username"] = "alice";
  EXPECT_EQ(path_text(r, "username", 63, "no such user"), "alice");
}

TEST(IfMatch, AcceptsOnlyTheEtagsTheServerWrites) {
  Request r;
  for (const char* good : {"\"3\"", "W/\"3\"", "\"123456789\""}) {
    r.headers = {{"if-match", good}};
    EXPECT_GE(if_match_version(r), 1) << good;
  }
  for (const char* bad : {"3", "\"0\"", "\"03\"", "\"-1\"", "\"1234567890\"", "\"\"", "W/", "*"}) {
    r.headers = {{"if-match", bad}};
    auto error = api_error_from([&] { if_match_version(r); });
    ASSERT_TRUE(error.has_value()) << bad;
    EXPECT_EQ(error->status(), 400) << bad;
    EXPECT_EQ(error->field(), "If-Match") << bad;
  }
}

}  // namespace
}  // namespace hindsight::server
