// The text rules of lessons that need no database: the incident's start, the reviewer's rules
// of one field, field paths, and how reviewer rules, the user directory, the detector and the
// coarsened dates share one text in a draft.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/util/time_format.hpp"
#include "server/lessons/incident_start.hpp"
#include "server/lessons/lesson_redactor.hpp"
#include "server/lessons/text_fields.hpp"

namespace hindsight::server {
namespace {

using nlohmann::json;
namespace anon = common::anonymizer;
using anon::Instant;

Instant at(const char* rfc3339) {
  return *common::parse_rfc3339(rfc3339);
}

TEST(IncidentStart, IsStartedAtElseTheEarliestTimelineEntry) {
  auto clock = incident_clock({{"started_at", "2026-03-01T10:00:00Z"}});
  EXPECT_EQ(clock.offset(at("2026-03-01T10:06:00Z")), "PT6M");
  auto from_timeline = incident_clock(
      {{"started_at", nullptr},
       {"timeline", {{{"at", "2026-03-01T10:10:00Z"}}, {{"at", "2026-03-01T10:05:00Z"}}}}});
  EXPECT_EQ(from_timeline.offset(at("2026-03-01T10:10:00Z")), "PT5M");
  auto unknown = incident_clock(json::object());
  EXPECT_FALSE(unknown.start());
  EXPECT_EQ(unknown.label(at("2026-03-01T10:10:00Z")), "T+?");
}

TEST(RuleSet, GivesEachFieldItsRules) {
  RuleSet rules;
  rules.redact_terms.push_back({"t1", "Falcon", anon::EntityType::kOrg, ""});
  rules.redact_terms.push_back({"t2", "db 7", anon::EntityType::kHostname, "summary"});
  rules.redact_spans.push_back({"s1", "title", 0, 3, anon::EntityType::kCustomer});
  rules.keep_terms.push_back("kafka");
  auto summary = rules.for_field("summary");
  ASSERT_EQ(summary.redact_terms.size(), 2u);
  EXPECT_FALSE(summary.redact_terms[0].exact);
  EXPECT_TRUE(summary.redact_terms[1].exact);
  EXPECT_TRUE(summary.redact_spans.empty());
  EXPECT_EQ(summary.keep_terms, std::vector<std::string>{"kafka"});
  auto title = rules.for_field("title");
  EXPECT_EQ(title.redact_terms.size(), 1u);
  ASSERT_EQ(title.redact_spans.size(), 1u);
  EXPECT_EQ(title.redact_spans[0].rule_id, "s1");
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

TEST_F(Redaction, DatesInWordsBecomeOffsetsAndWithoutAStartUnknownOnes) {
  json pm = {{"title", "x"},
             {"started_at", "2024-03-05T14:00:00Z"},
             {"summary",
              "Deployed March 4, paged yesterday at 11 pm, fixed Tuesday 3:15pm; "
              "backups run every Sunday."}};
  LessonDraft draft = draft_lesson(pm, anonymizer(), {}, {});
  EXPECT_EQ(draft.fields["summary"],
            "Deployed T-1d, paged T-15h, fixed T+1h15m; backups run every Sunday.");
  EXPECT_EQ(draft.coarsened.size(), 3u);
  pm.erase("started_at");
  EXPECT_EQ(draft_lesson(pm, anonymizer(), {}, {}).fields["summary"],
            "Deployed T+?, paged T+?, fixed T+?; backups run every Sunday.");
}

}  // namespace
}  // namespace hindsight::server
