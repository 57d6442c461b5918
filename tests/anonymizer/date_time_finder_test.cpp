// Dates and times in numbers found in free text and told as offsets from the incident's start,
// ISO 8601 durations, and whole-word term matching (the reviewer's terms).
#include <gtest/gtest.h>

#include "common/anonymizer/date_time_finder.hpp"
#include "common/anonymizer/incident_clock.hpp"
#include "common/anonymizer/term_matcher.hpp"

namespace hindsight::common::anonymizer {
namespace {

std::vector<std::string> date_times(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& span : find_date_times(text))
    out.emplace_back(text.substr(span.start, span.end - span.start));
  return out;
}

Instant at(const char* rfc3339) {
  return *parse_date_time(rfc3339);
}

TEST(DateTimeFinder, FindsRfc3339AndCommonIsoSpellings) {
  EXPECT_EQ(date_times("at 2024-03-02T14:05:00Z the pool filled"),
            std::vector<std::string>{"2024-03-02T14:05:00Z"});
  EXPECT_EQ(date_times("paged 2024-03-02 14:05 UTC, fixed 2024-03-02T16:05:30.5+02:00."),
            (std::vector<std::string>{"2024-03-02 14:05 UTC", "2024-03-02T16:05:30.5+02:00"}));
  EXPECT_EQ(date_times("(2024-03-02t14:05)"), std::vector<std::string>{"2024-03-02t14:05"});
}

TEST(DateTimeFinder, FindsBareDatesAsWholeDays) {
  auto spans = find_date_times("released 2024-03-02, build 12024-03-02T14:05 (2024-02-29)");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_TRUE(spans[0].whole_day);
  EXPECT_EQ(spans[0].at, at("2024-03-02T00:00:00Z"));
  EXPECT_EQ(spans[1].at, at("2024-02-29T00:00:00Z"));
  EXPECT_FALSE(find_date_times("2024-03-02T14:05Z")[0].whole_day);
  EXPECT_TRUE(date_times("v2024-03-02 2024-03-02.1 2024-03-02-7 1.2024-03-02 2023-02-29").empty());
}

TEST(DateTimeFinder, LeavesVersionsAndNonsenseAlone) {
  EXPECT_TRUE(date_times("build 12024-03-02T14:05, 20240302, 2024-3-2").empty());
  EXPECT_TRUE(date_times("2024-13-02T14:05 2024-02-30T10:00 2024-03-02T25:00").empty());
  EXPECT_TRUE(date_times("2024-03-02T14:05abc").empty());
  EXPECT_TRUE(date_times("").empty());
}

TEST(DateTimeFinder, ZonesGiveTheSameInstant) {
  auto spans = find_date_times("2024-03-02T14:05Z 2024-03-02 16:05+02:00 2024-03-02T09:35-0430");
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].at, at("2024-03-02T14:05:00Z"));
  EXPECT_EQ(spans[1].at, spans[0].at);
  EXPECT_EQ(spans[2].at, spans[0].at);
}

TEST(DateTimeFinder, FindsBareTimesOfDayOnTheDayNearestTheStart) {
  auto start = at("2024-03-02T23:50:00Z");
  auto spans = find_date_times("23:45 paged, 23:58:10 UTC failover, 00:20+01:00 fixed", start);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].at, at("2024-03-02T23:45:00Z"));
  EXPECT_EQ(spans[1].at, at("2024-03-02T23:58:10Z"));
  EXPECT_EQ(spans[2].at, at("2024-03-02T23:20:00Z"));  // 00:20 an hour east of UTC
  auto after_midnight = find_date_times("until 00:10", start);
  ASSERT_EQ(after_midnight.size(), 1u);
  EXPECT_EQ(after_midnight[0].at, at("2024-03-03T00:10:00Z"));
}

TEST(DateTimeFinder, LeavesClockLikeNumbersThatAreNoTimesAlone) {
  EXPECT_EQ(date_times("from 13:00-14:05 (UTC)"), (std::vector<std::string>{"13:00", "14:05"}));
  EXPECT_TRUE(date_times("ratio 16:9, port host:8080, 12:34:56:78, ::12:34").empty());
  EXPECT_TRUE(date_times("UTC+01:00, lap 12:30.5, 24:00, 12:60, 9:05, v12:30a, 1.12:30").empty());
}

TEST(DateTimeFinder, PathologicalInputStaysLinear) {
  std::string text(200000, '2');
  for (std::size_t i = 4; i < text.size(); i += 11)
    text[i] = '-';
  EXPECT_TRUE(find_date_times(text).empty());
}

TEST(DateTimeFinder, ParsesOneWholeDateTime) {
  EXPECT_EQ(parse_date_time("2026-03-01T10:00:00+01:00"), at("2026-03-01T09:00:00Z"));
  EXPECT_FALSE(parse_date_time("2026-03-01"));
  EXPECT_FALSE(parse_date_time("2026-03-01T10:00:00Z tomorrow"));
  EXPECT_FALSE(parse_date_time(""));
}

TEST(IncidentClock, DurationsAreIso8601HoursMinutesSeconds) {
  using std::chrono::seconds;
  EXPECT_EQ(iso8601_duration(seconds(360)), "PT6M");
  EXPECT_EQ(iso8601_duration(seconds(7200)), "PT2H");
  EXPECT_EQ(iso8601_duration(seconds(93784)), "PT26H3M4S");
  EXPECT_EQ(iso8601_duration(seconds(0)), "PT0S");
  EXPECT_EQ(iso8601_duration(seconds(-300)), "-PT5M");
}

TEST(IncidentClock, LabelsAreOffsetsFromTheStart) {
  IncidentClock clock(at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(clock.offset(at("2026-03-01T10:06:00Z")), "PT6M");
  EXPECT_EQ(clock.label(at("2026-03-01T11:20:00Z")), "T+1h20m");
  EXPECT_EQ(clock.label(at("2026-03-01T09:55:00Z")), "T-5m");
  EXPECT_EQ(clock.label(at("2026-03-01T10:00:00Z")), "T+0m");
  IncidentClock unknown;
  EXPECT_FALSE(unknown.offset(at("2026-03-01T10:10:00Z")));
  EXPECT_EQ(unknown.label(at("2026-03-01T10:10:00Z")), "T+?");
}

TEST(IncidentClock, DaysCountFromTheStartsUtcDay) {
  IncidentClock clock(at("2026-03-01T23:59:00Z"));
  EXPECT_EQ(clock.day_label(at("2026-03-01T00:00:00Z")), "T+0d");
  EXPECT_EQ(clock.day_label(at("2026-03-02T00:00:00Z")), "T+1d");
  EXPECT_EQ(clock.day_label(at("2026-02-27T00:00:00Z")), "T-2d");
  EXPECT_EQ(IncidentClock().day_label(at("2026-03-01T00:00:00Z")), "T+?");
}

TEST(TermMatcher, WholeWordsCaseInsensitive) {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  EXPECT_EQ(WholeWordSearch("Falcon, falcon's FALCON").find("falcon"),
            (Ranges{{0, 6}, {8, 14}, {17, 23}}));
  EXPECT_TRUE(WholeWordSearch("Falcons and unfalcon and falcon_x").find("falcon").empty());
  EXPECT_EQ(WholeWordSearch("„Falcon“ in Zürich").find("falcon"), (Ranges{{3, 9}}));
  EXPECT_TRUE(WholeWordSearch("Falconé").find("falcon").empty());
  EXPECT_EQ(WholeWordSearch("mail @ops-team now").find("@ops-team"), (Ranges{{5, 14}}));
  EXPECT_EQ(find_exact("abcabc", "bc"), (Ranges{{1, 3}, {4, 6}}));
  // One search, folded once, answers for every term.
  WholeWordSearch search("Paged ana@example.org and BOB@example.org");
  EXPECT_EQ(search.find("bob@example.org"), (Ranges{{26, 41}}));
  EXPECT_EQ(search.find("ana@example.org"), (Ranges{{6, 21}}));
}

TEST(TermMatcher, FoldsTheCaseOfLatinGreekAndCyrillicLetters) {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  // Offsets stay those of the original bytes: every fold keeps a letter's UTF-8 length.
  EXPECT_EQ(WholeWordSearch("MÜLLER paged Müller").find("müller"), (Ranges{{0, 7}, {14, 21}}));
  EXPECT_EQ(WholeWordSearch("ŁÓDŹ and łódź").find("Łódź"), (Ranges{{0, 7}, {12, 19}}));
  EXPECT_EQ(WholeWordSearch("ИВАНОВ, Иванов").find("иванов"), (Ranges{{0, 12}, {14, 26}}));
  EXPECT_EQ(WholeWordSearch("ΑΘΗΝΑ αθηνα").find("Αθηνα"), (Ranges{{0, 10}, {11, 21}}));
  EXPECT_EQ(WholeWordSearch("NGUYỄN Nguyễn").find("nguyễn"), (Ranges{{0, 8}, {9, 17}}));
  EXPECT_TRUE(WholeWordSearch("Müllers").find("müller").empty());
}

}  // namespace
}  // namespace hindsight::common::anonymizer
