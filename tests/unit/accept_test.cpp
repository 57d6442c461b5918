// Content negotiation by Accept (RFC 9110 section 12.5.1): the most specific matching range
// gives each offered type its weight, the heaviest wins, and ties go to the first offered.
#include "server/http/accept.hpp"

#include <gtest/gtest.h>

namespace hindsight::server {
namespace {

const std::vector<std::string_view> kOffered = {"text/html", "application/json"};

std::string_view pick(std::optional<std::string_view> accept) {
  return preferred_media_type(accept, kOffered);
}

TEST(PreferredMediaType, NoAcceptHeaderOrAnyTypeGetsTheFirstOffered) {
  EXPECT_EQ(pick(std::nullopt), "text/html");
  EXPECT_EQ(pick(""), "text/html");
  EXPECT_EQ(pick("*/*"), "text/html");
}

TEST(PreferredMediaType, AnExplicitTypeWinsOverTheWildcard) {
  EXPECT_EQ(pick("application/json"), "application/json");
  EXPECT_EQ(pick("application/json, */*;q=0.5"), "application/json");
  EXPECT_EQ(pick("APPLICATION/JSON"), "application/json");
  EXPECT_EQ(pick("application/*"), "application/json");
}

TEST(PreferredMediaType, ABrowsersAcceptGetsHtml) {
  EXPECT_EQ(pick("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), "text/html");
}

TEST(PreferredMediaType, WeightsDecideAndTiesGoToTheFirstOffered) {
  EXPECT_EQ(pick("text/html;q=0.5, application/json"), "application/json");
  EXPECT_EQ(pick("text/html ; q=0.9 , application/json ; q=0.95"), "application/json");
  EXPECT_EQ(pick("application/json, text/html"), "text/html");
  // The more specific range decides even when a broader one weighs more.
  EXPECT_EQ(pick("*/*;q=1, text/html;q=0.1"), "application/json");
  // A type refused outright (q=0) loses to anything acceptable.
  EXPECT_EQ(pick("text/html;q=0, */*"), "application/json");
}

TEST(PreferredMediaType, NothingAcceptableStillAnswersTheFirstOffered) {
  EXPECT_EQ(pick("image/png"), "text/html");
  EXPECT_EQ(pick("garbage, ;;, /"), "text/html");
  EXPECT_EQ(pick("application/json;q=banana"), "application/json");  // a bad weight counts as 1
}

}  // namespace
}  // namespace hindsight::server
