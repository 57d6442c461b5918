// RFC 3339 parsing and formatting: calendar ranges checked, offsets applied, fractions kept.
#include "common/util/time_format.hpp"

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

TEST(CanonicalInstant, WritesEveryOffsetInUtc) {
  EXPECT_EQ(canonical_instant("2026-03-01T12:40:00+02:00"), "2026-03-01T10:40:00Z");
  // RFC 3339 allows offsets PostgreSQL refuses (beyond 15:59): they are applied here.
  EXPECT_EQ(canonical_instant("2026-03-01T23:59:00+23:59"), "2026-03-01T00:00:00Z");
  EXPECT_EQ(canonical_instant("2026-03-01T00:00:00-16:00"), "2026-03-01T16:00:00Z");
  EXPECT_EQ(canonical_instant("2026-03-01t10:40:00.25z"), "2026-03-01T10:40:00.250000Z");
}

TEST(CanonicalInstant, WritesEarlyAndLateYearsExactly) {
  // Formatting through system_clock's nanoseconds wraps outside 1678-2262.
  EXPECT_EQ(canonical_instant("0005-01-02T03:00:00Z"), "0005-01-02T03:00:00Z");
  EXPECT_EQ(canonical_instant("1500-06-01T00:00:00Z"), "1500-06-01T00:00:00Z");
  EXPECT_EQ(canonical_instant("3000-01-01T00:00:00Z"), "3000-01-01T00:00:00Z");
  EXPECT_EQ(canonical_instant("9999-12-31T23:59:59.999999Z"), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(canonical_instant("0000-12-31T23:00:00-01:00"), "0001-01-01T00:00:00Z");
}

TEST(CanonicalInstant, RefusesInstantsOutsideYears1To9999) {
  for (const char* bad : {"0000-12-31T23:00:00Z", "0001-01-01T00:00:00+00:01",
                          "9999-12-31T23:59:59-00:01", "2026-03-01T10:40:00", "junk"})
    EXPECT_FALSE(canonical_instant(bad)) << bad;
}

TEST(ParseDate, HasNoYearZero) {
  EXPECT_FALSE(parse_date("0000-01-01"));
  EXPECT_TRUE(parse_date("0001-01-01"));
  EXPECT_TRUE(parse_date("9999-12-31"));
}

}  // namespace
}  // namespace hindsight::common
