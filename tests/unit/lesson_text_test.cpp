// The text rules of lessons that need no database: date-times found in free text and told as
// offsets from the incident's start, ISO 8601 durations, whole-word term matching, field paths,
// and how reviewer rules, the user directory and the detector share one text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/util/time_format.hpp"
#include "server/lessons/date_time_finder.hpp"
#include "server/lessons/incident_clock.hpp"
#include "server/lessons/lesson_redactor.hpp"
#include "server/lessons/term_matcher.hpp"
#include "server/lessons/text_fields.hpp"

namespace hindsight::server {
namespace {

using nlohmann::json;
namespace anon = common::anonymizer;

std::vector<std::string> date_times(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& span : find_date_times(text))
    out.emplace_back(text.substr(span.start, span.end - span.start));
  return out;
}

Instant at(const char* rfc3339) {
  return *common::parse_rfc3339(rfc3339);
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

TEST(IncidentClock, DurationsAreIso8601HoursMinutesSeconds) {
  using std::chrono::seconds;
  EXPECT_EQ(iso8601_duration(seconds(360)), "PT6M");
  EXPECT_EQ(iso8601_duration(seconds(7200)), "PT2H");
  EXPECT_EQ(iso8601_duration(seconds(93784)), "PT26H3M4S");
  EXPECT_EQ(iso8601_duration(seconds(0)), "PT0S");
  EXPECT_EQ(iso8601_duration(seconds(-300)), "-PT5M");
}

TEST(IncidentClock, StartsAtStartedAtElseTheEarliestTimelineEntry) {
  auto clock = IncidentClock::of({{"started_at", "2026-03-01T10:00:00Z"}});
  EXPECT_EQ(clock.offset(at("2026-03-01T10:06:00Z")), "PT6M");
  EXPECT_EQ(clock.label(at("2026-03-01T11:20:00Z")), "T+1h20m");
  EXPECT_EQ(clock.label(at("2026-03-01T09:55:00Z")), "T-5m");
  EXPECT_EQ(clock.label(at("2026-03-01T10:00:00Z")), "T+0m");
  auto from_timeline = IncidentClock::of(
      {{"started_at", nullptr},
       {"timeline", {{{"at", "2026-03-01T10:10:00Z"}}, {{"at", "2026-03-01T10:05:00Z"}}}}});
  EXPECT_EQ(from_timeline.offset(at("2026-03-01T10:10:00Z")), "PT5M");
  auto unknown = IncidentClock::of(json::object());
  EXPECT_FALSE(unknown.offset(at("2026-03-01T10:10:00Z")));
  EXPECT_EQ(unknown.label(at("2026-03-01T10:10:00Z")), "T+?");
}

TEST(IncidentClock, DaysCountFromTheStartsUtcDay) {
  auto clock = IncidentClock::of({{"started_at", "2026-03-01T23:59:00Z"}});
  EXPECT_EQ(clock.day_label(at("2026-03-01T00:00:00Z")), "T+0d");
  EXPECT_EQ(clock.day_label(at("2026-03-02T00:00:00Z")), "T+1d");
  EXPECT_EQ(clock.day_label(at("2026-02-27T00:00:00Z")), "T-2d");
  EXPECT_EQ(IncidentClock::of(json::object()).day_label(at("2026-03-01T00:00:00Z")), "T+?");
}

TEST(TermMatcher, WholeWordsCaseInsensitive) {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  EXPECT_EQ(find_whole_words("Falcon, falcon's FALCON", "falcon"),
            (Ranges{{0, 6}, {8, 14}, {17, 23}}));
  EXPECT_TRUE(find_whole_words("Falcons and unfalcon and falcon_x", "falcon").empty());
  EXPECT_EQ(find_whole_words("„Falcon“ in Zürich", "falcon"), (Ranges{{3, 9}}));
  EXPECT_TRUE(find_whole_words("Falconé", "falcon").empty());
  EXPECT_EQ(find_whole_words("mail @ops-team now", "@ops-team"), (Ranges{{5, 14}}));
  EXPECT_EQ(find_exact("abcabc", "bc"), (Ranges{{1, 3}, {4, 6}}));
}

TEST(TermMatcher, FoldsTheCaseOfLatinGreekAndCyrillicLetters) {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  // Offsets stay those of the original bytes: every fold keeps a letter's UTF-8 length.
  EXPECT_EQ(find_whole_words("MÜLLER paged Müller", "müller"), (Ranges{{0, 7}, {14, 21}}));
  EXPECT_EQ(find_whole_words("ŁÓDŹ and łódź", "Łódź"), (Ranges{{0, 7}, {12, 19}}));
  EXPECT_EQ(find_whole_words("ИВАНОВ, Иванов", "иванов"), (Ranges{{0, 12}, {14, 26}}));
  EXPECT_EQ(find_whole_words("ΑΘΗΝΑ αθηνα", "Αθηνα"), (Ranges{{0, 10}, {11, 21}}));
  EXPECT_EQ(find_whole_words("NGUYỄN Nguyễn", "nguyễn"), (Ranges{{0, 8}, {9, 17}}));
  EXPECT_TRUE(find_whole_words("Müllers", "müller").empty());
}

TEST(TextFields, NamesEveryTextByItsPathInLessonOrder) {
  json pm = {{"title", "t"},
             {"tags", {"a"}},
             {"services", {"s0", "s1"}},
             {"timeline", {{{"at", "x"}, {"text", "e0"}}}},
             {"action_items", {{{"text", "a0"}}}},
             {"summary", "s"},
             {"severity", "SEV1"}};
  std::vector<std::string> paths;
  for (const auto& f : text_fields(pm))
    paths.push_back(f.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"title", "services[0]", "services[1]", "summary",
                                      "timeline[0].text", "action_items[0].text", "tags[0]"}));
}

class Redaction : public ::testing::Test {
 protected:
  static const anon::Anonymizer& anonymizer() {
    static const anon::Anonymizer instance;
    return instance;
  }
};

TEST_F(Redaction, AReviewerSpanAbsorbsTheDetectorFindingItTouches) {
  json pm = {{"title", "x"}, {"summary", "Failover to 10.20.30.40 worked"}};
  RuleSet rules;
  // "30.40 worked" overlaps the detected address: the union is redacted with the reviewer's type.
  rules.redact_spans.push_back({"r1", "summary", 18, 30, anon::EntityType::kCustomer});
  LessonDraft draft = draft_lesson(pm, anonymizer(), {}, rules);
  EXPECT_EQ(draft.fields["summary"], "Failover to [CUSTOMER-1]");
  ASSERT_EQ(draft.findings.size(), 1u);
  EXPECT_EQ(draft.findings[0]["start"], 12);
  EXPECT_EQ(draft.findings[0]["end"], 30);
  EXPECT_EQ(draft.findings[0]["source"], "reviewer");
  EXPECT_EQ(draft.findings[0]["rule_id"], "r1");
}

TEST_F(Redaction, DirectoryAddressesAndKeepsAndDateTimesShareOneText) {
  anon::DocumentContext context;
  context.people.push_back({"", "", "Jo.Doe@corp.example"});
  json pm = {{"title", "x"},
             {"started_at", "2024-03-02T14:00:00Z"},
             {"summary", "jo.doe@corp.example saw 10.20.30.40 at 2024-03-02 14:05 UTC"}};
  RuleSet keep_ip;
  keep_ip.keep_terms.push_back("10.20.30.40");
  LessonDraft draft = draft_lesson(pm, anonymizer(), context, keep_ip);
  EXPECT_EQ(draft.fields["summary"], "[EMAIL-1] saw 10.20.30.40 at T+5m");
  ASSERT_EQ(draft.findings.size(), 1u);
  EXPECT_EQ(draft.findings[0]["source"], "directory");
  ASSERT_EQ(draft.coarsened.size(), 1u);
  EXPECT_EQ(draft.coarsened[0]["replacement"], "T+5m");
}

TEST_F(Redaction, BareDatesBecomeDaysFromTheStart) {
  json pm = {{"title", "x"},
             {"started_at", "2024-03-02T23:30:00Z"},
             {"summary", "Deployed on 2024-03-01, broke on 2024-03-02, fixed 2024-03-04."}};
  LessonDraft draft = draft_lesson(pm, anonymizer(), {}, {});
  EXPECT_EQ(draft.fields["summary"], "Deployed on T-1d, broke on T+0d, fixed T+2d.");
  ASSERT_EQ(draft.coarsened.size(), 3u);
  EXPECT_EQ(draft.coarsened[0]["replacement"], "T-1d");
}

TEST_F(Redaction, BareTimesBecomeOffsetsFromTheStart) {
  json pm = {{"title", "x"},
             {"started_at", "2024-03-02T14:00:00Z"},
             {"timeline", json::array({{{"at", "2024-03-02T14:20:00Z"},
                                        {"text", "rolled back at 14:32 UTC, paged at 13:55"}}})}};
  LessonDraft draft = draft_lesson(pm, anonymizer(), {}, {});
  EXPECT_EQ(draft.fields["timeline"][0]["text"], "rolled back at T+32m, paged at T-5m");
  EXPECT_EQ(draft.coarsened.size(), 2u);
}

}  // namespace
}  // namespace hindsight::server
