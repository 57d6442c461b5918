// Query parameters are read as HTML forms send them: percent escapes decoded, '+' a space.
#include <gtest/gtest.h>

#include "server/http/request.hpp"

namespace hindsight::server {
namespace {

Request with_query(std::string query) {
  Request r;
  r.query = std::move(query);
  return r;
}

TEST(RequestQuery, DecodesPercentEscapesAndPlusAsSpace) {
  auto r = with_query("q=%22connection+pool%22&from=2026-01-01T00%3A00%3A00%2B01%3A00&t=a%2Bb");
  EXPECT_EQ(r.query_param("q"), R"("connection pool")");
  EXPECT_EQ(r.query_param("from"), "2026-01-01T00:00:00+01:00");
  EXPECT_EQ(r.query_param("t"), "a+b");
}

TEST(RequestQuery, EncodedNamesMatchAndMissingOnesAreAbsent) {
  auto r = with_query("%71=x&empty=");
  EXPECT_EQ(r.query_param("q"), "x");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_FALSE(r.query_param("other").has_value());
}

}  // namespace
}  // namespace hindsight::server
