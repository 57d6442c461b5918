// Dates and times written in words, told as offsets from the incident's start like numeric
// ones, recurring phrases left alone, and the verbs that look like months.
#include <gtest/gtest.h>

#include "common/anonymizer/date_time_finder.hpp"
#include "common/anonymizer/date_words.hpp"
#include "common/anonymizer/incident_clock.hpp"

namespace hindsight::common::anonymizer {
namespace {

// A Tuesday, 14:00 UTC.
const Instant kStart = *parse_date_time("2024-03-05T14:00:00Z");

// The text with every date and time replaced as a redaction does it.
std::string coarsened(std::string_view text) {
  IncidentClock clock(kStart);
  std::string out;
  std::size_t pos = 0;
  for (const auto& span : find_date_times(text, kStart)) {
    out.append(text.substr(pos, span.start - pos));
    out += span.whole_day ? clock.day_label(span.at) : clock.label(span.at);
    pos = span.end;
  }
  out.append(text.substr(pos));
  return out;
}

TEST(DateWords, MonthAndDayInEveryOrder) {
  EXPECT_EQ(coarsened("deployed on March 2, 2024."), "deployed on T-3d.");
  EXPECT_EQ(coarsened("deployed 2 March, reverted 6 March 2024"), "deployed T-3d, reverted T+1d");
  EXPECT_EQ(coarsened("since Mar 2 and Mar. 4th"), "since T-3d and T-1d");
  EXPECT_EQ(coarsened("the 2nd of March"), "the T-3d");
}

TEST(DateWords, ADateWithoutAYearIsInTheYearNearestTheStart) {
  EXPECT_EQ(coarsened("the freeze began December 30"), "the freeze began T-66d");
  EXPECT_EQ(coarsened("it ended on March 4, 2023"), "it ended on T-367d");
}

TEST(DateWords, WeekdaysAreTheNearestSuchDay) {
  EXPECT_EQ(coarsened("on Tuesday, and Monday's deploy"), "on T+0d, and T-1d's deploy");
  EXPECT_EQ(coarsened("by Friday, since Saturday"), "by T+3d, since T-3d");
}

TEST(DateWords, YesterdayTodayAndTomorrowCountFromTheStartsDay) {
  EXPECT_EQ(coarsened("Yesterday it warned, today it broke, tomorrow we fix it"),
            "T-1d it warned, T+0d it broke, T+1d we fix it");
}

TEST(DateWords, TimesWithAmOrPm) {
  EXPECT_EQ(coarsened("paged at 3 p.m. and again at 3:15pm"), "paged at T+1h and again at T+1h15m");
  EXPECT_EQ(coarsened("calm until 11 AM, then 1:30 p.m. UTC"), "calm until T-3h, then T-30m");
  EXPECT_EQ(coarsened("noon is 12 pm, midnight 12 a.m."), "noon is T-2h, midnight T+10h");
}

TEST(DateWords, ADateWithATimeIsOneInstant) {
  EXPECT_EQ(coarsened("March 5, 2024 at 3 p.m."), "T+1h");
  EXPECT_EQ(coarsened("Tuesday at 14:05 UTC"), "T+5m");
  EXPECT_EQ(coarsened("March 2, 2024 14:05"), "T-71h55m");
  EXPECT_EQ(coarsened("yesterday, 11 pm"), "T-15h");
}

TEST(DateWords, RecurringPhrasesStay) {
  for (std::string_view text :
       {"backups run every Sunday", "reports on Sundays", "each Monday we rotate",
        "every other Friday", "every Sunday at 3 p.m. the job runs", "Mondays are quiet"})
    EXPECT_EQ(coarsened(text), text);
}

TEST(DateWords, VerbsAndLoneNamesAreNoDates) {
  for (std::string_view text :
       {"we may 2x the pool", "crews march 3 miles", "in March the budget", "March 2024 review",
        "Mar 12:30 is no day", "it may be 5 or 12 nodes", "v1.3 pm2 at 5pmx", "at 13 pm"})
    EXPECT_EQ(find_dates_in_words(text, kStart).size(), 0u) << text;
  EXPECT_EQ(coarsened("May 3 was calm"), "T+59d was calm");
}

TEST(DateWords, PathologicalInputStaysLinear) {
  std::string text;
  while (text.size() < 200000)
    text += "every March 1 2 3 p.m ";
  auto spans = find_dates_in_words(text, kStart);
  EXPECT_FALSE(spans.empty());
}

}  // namespace
}  // namespace hindsight::common::anonymizer
