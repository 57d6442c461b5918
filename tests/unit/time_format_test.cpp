// RFC 3339 parsing and formatting: calendar ranges checked, offsets applied, fractions kept.
#include "util/time_format.hpp"

#include <gtest/gtest.h>

namespace hindsight::common {
namespace {

using namespace std::chrono;

TEST(ParseRfc3339, UtcAndOffsetsDenoteTheSameInstant) {
  auto utc = parse_rfc3339("2026-03-01T10:40:00Z");
  auto plus = parse_rfc3339("2026-03-01T12:40:00+02:00");
  auto minus = parse_rfc3339("2026-03-01T05:10:00-05:30");
  ASSERT_TRUE(utc && plus && minus);
  EXPECT_EQ(*utc, *plus);
  EXPECT_EQ(*utc, *minus);
  EXPECT_EQ(format_rfc3339(floor<seconds>(*utc)), "2026-03-01T10:40:00Z");
}

TEST(ParseRfc3339, KeepsFractionsToMicroseconds) {
  auto t = parse_rfc3339("2026-03-01T10:40:00.25Z");
  ASSERT_TRUE(t);
  EXPECT_EQ((*t - floor<seconds>(*t)).count(), 250000);
  auto long_fraction = parse_rfc3339("2026-03-01T10:40:00.1234567Z");
  ASSERT_TRUE(long_fraction);
  EXPECT_EQ((*long_fraction - floor<seconds>(*long_fraction)).count(), 123456);
}

TEST(ParseRfc3339, RejectsMalformedAndImpossibleTimes) {
  for (const char* bad : {"", "2026-03-01", "2026-03-01T10:40:00", "2026-02-30T10:00:00Z",
                          "2026-13-01T10:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T10:60:00Z",
                          "2026-03-01 10:40:00Z", "2026-03-01T10:40:00.Z",
                          "2026-03-01T10:40:00+2:00", "2026-03-01T10:40:00Zjunk", "yesterday"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
}

TEST(ParseRfc3339, AcceptsLeapDayOnlyInLeapYears) {
  EXPECT_TRUE(parse_rfc3339("2028-02-29T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-02-29T00:00:00Z"));
}

TEST(ParseDate, CalendarDatesOnly) {
  EXPECT_TRUE(parse_date("2026-04-30"));
  EXPECT_FALSE(parse_date("2026-04-31"));
  EXPECT_FALSE(parse_date("2026-4-30"));
  EXPECT_FALSE(parse_date("2026-04-30T00:00:00Z"));
}

}  // namespace
}  // namespace hindsight::common
