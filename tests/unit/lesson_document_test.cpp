// The `lesson` object of a lesson document: the publisher's factory, its JSON form, and the strict
// reading that refuses any other shape, naming the member at fault.
#include "federation/documents/lesson_document.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace hindsight::federation {
namespace {

using nlohmann::json;

LessonFields sample_fields() {
  LessonFields f;
  f.title = "Replica lag after [HOST-1] failover";
  f.services = {"db"};
  f.summary = "Reads went stale.";
  f.impact = "12 minutes of stale reads";
  f.timeline = {{"PT6M", "alert fired"}, {std::nullopt, "paged"}, {"-PT5M", "deploy"}};
  f.trigger = "failover";
  f.contributing_factors = {{"process", "no runbook"}};
  f.detection = "alert";
  f.resolution = "rebuilt replica";
  f.went_well = "fast page";
  f.went_poorly = "slow rebuild";
  f.lucky = "low traffic";
  f.action_items = {{"write runbook", "assigned engineer", "open"}};
  f.lessons_learned = "test failovers";
  f.durations = LessonDurations{"PT6M", std::nullopt, "PT2H"};
  return f;
}

LessonDocument sample_document() {
  return make_lesson_document("https://a.example", "0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c", 3,
                              "2026-12-01T10:00:00Z", {"database"}, "SEV2", sample_fields());
}

// The path a refusal names, or "" when the lesson was accepted.
std::string refused_path(const json& lesson) {
  try {
    parse_lesson_document(lesson);
  } catch (const LessonDocumentError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(e.path() + ": ", 0), 0u) << e.what();
    return e.path();
  }
  return "";
}

// The sample's JSON with one change made by `edit`.
json edited(const std::function<void(json&)>& edit) {
  json lesson = to_json(sample_document());
  edit(lesson);
  return lesson;
}

TEST(LessonDocument, FactoryMakesTheProtocolsShape) {
  json expected = json::parse(R"({
    "id": "https://a.example/lessons/0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c", "version": 3,
    "origin": "https://a.example", "published_at": "2026-12-01T10:00:00Z", "tags": ["database"],
    "severity": "SEV2", "retracted": false,
    "fields": {"title": "Replica lag after [HOST-1] failover", "services": ["db"],
               "summary": "Reads went stale.", "impact": "12 minutes of stale reads",
               "timeline": [{"offset": "PT6M", "text": "alert fired"},
                            {"offset": null, "text": "paged"},
                            {"offset": "-PT5M", "text": "deploy"}],
               "trigger": "failover",
               "contributing_factors": [{"category": "process", "text": "no runbook"}],
               "detection": "alert", "resolution": "rebuilt replica", "went_well": "fast page",
               "went_poorly": "slow rebuild", "lucky": "low traffic",
               "action_items": [{"text": "write runbook", "owner_role": "assigned engineer",
                                 "status": "open"}],
               "lessons_learned": "test failovers",
               "durations": {"time_to_detect": "PT6M", "time_to_mitigate": null,
                             "time_to_resolve": "PT2H"}}})");
  EXPECT_EQ(to_json(sample_document()), expected);
}

TEST(LessonDocument, ReadsBackWhatItWrites) {
  LessonDocument document = sample_document();
  EXPECT_EQ(parse_lesson_document(to_json(document)), document);
}

TEST(LessonDocument, ARetractionIsTheDocumentWithoutFields) {
  LessonDocument retraction =
      make_lesson_document("https://a.example:8443", "abc", 4, "2026-12-02T10:00:00Z", {"database"},
                           "SEV2", std::nullopt);
  EXPECT_TRUE(retraction.retracted);
  EXPECT_EQ(retraction.id, "https://a.example:8443/lessons/abc");
  json lesson = to_json(retraction);
  EXPECT_FALSE(lesson.contains("fields"));
  EXPECT_EQ(lesson["retracted"], true);
  EXPECT_EQ(parse_lesson_document(lesson), retraction);
}

TEST(LessonDocument, FactoryRefusesWhatAReceiverWouldRefuse) {
  EXPECT_THROW(make_lesson_document("https://A.example/", "abc", 1, "2026-12-01T10:00:00Z", {},
                                    "SEV2", sample_fields()),
               LessonDocumentError);
  EXPECT_THROW(make_lesson_document("https://a.example", "a/b", 1, "2026-12-01T10:00:00Z", {},
                                    "SEV2", sample_fields()),
               LessonDocumentError);
  EXPECT_THROW(make_lesson_document("https://a.example", "abc", 0, "2026-12-01T10:00:00Z", {},
                                    "SEV2", sample_fields()),
               LessonDocumentError);
  EXPECT_THROW(
      make_lesson_document("https://a.example", "abc", 1, "yesterday", {}, "SEV2", sample_fields()),
      LessonDocumentError);
  EXPECT_THROW(make_lesson_document("https://a.example", "abc", 1, "2026-12-01T10:00:00Z", {},
                                    "SEV5", sample_fields()),
               LessonDocumentError);
}

TEST(LessonDocument, ARetractionWithFieldsIsRefused) {
  EXPECT_EQ(refused_path(edited([](json& l) { l["retracted"] = true; })), "lesson.fields");
  EXPECT_EQ(refused_path(edited([](json& l) {
              l["retracted"] = true;
              l["fields"] = nullptr;
            })),
            "lesson.fields");
}

TEST(LessonDocument, ALessonWithoutFieldsIsRefused) {
  EXPECT_EQ(refused_path(edited([](json& l) { l.erase("fields"); })), "lesson.fields");
}

TEST(LessonDocument, RefusalsNameTheMember) {
  struct Case {
    std::function<void(json&)> edit;
    std::string path;
  };
  std::vector<Case> cases = {
      {[](json& l) { l = json::array(); }, "lesson"},
      {[](json& l) { l.erase("id"); }, "lesson.id"},
      {[](json& l) { l["id"] = "https://b.example/lessons/abc"; }, "lesson.id"},
      {[](json& l) { l["id"] = "https://a.example/lessons/"; }, "lesson.id"},
      {[](json& l) { l["id"] = "https://a.example/lessons/a/b"; }, "lesson.id"},
      {[](json& l) { l["id"] = "https://a.example/lessons/" + std::string(129, 'a'); },
       "lesson.id"},
      {[](json& l) { l["version"] = 0; }, "lesson.version"},
      {[](json& l) { l["version"] = -1; }, "lesson.version"},
      {[](json& l) { l["version"] = 3.0; }, "lesson.version"},
      {[](json& l) { l["version"] = "3"; }, "lesson.version"},
      {[](json& l) { l["version"] = 2147483648u; }, "lesson.version"},
      {[](json& l) { l["origin"] = "https://A.example"; }, "lesson.origin"},
      {[](json& l) { l["origin"] = "http://a.example"; }, "lesson.origin"},
      {[](json& l) { l["origin"] = 7; }, "lesson.origin"},
      {[](json& l) { l["published_at"] = "2026-13-01T10:00:00Z"; }, "lesson.published_at"},
      {[](json& l) { l["tags"] = "database"; }, "lesson.tags"},
      {[](json& l) {
         l["tags"] = {"database", 7};
       },
       "lesson.tags[1]"},
      {[](json& l) { l["severity"] = "sev2"; }, "lesson.severity"},
      {[](json& l) { l["retracted"] = 0; }, "lesson.retracted"},
      {[](json& l) { l["fields"] = "text"; }, "lesson.fields"},
      {[](json& l) { l["fields"].erase("title"); }, "lesson.fields.title"},
      {[](json& l) { l["fields"]["summary"] = nullptr; }, "lesson.fields.summary"},
      {[](json& l) {
         l["fields"]["services"] = {"db", {{"name", "x"}}};
       },
       "lesson.fields.services[1]"},
      {[](json& l) { l["fields"]["timeline"][2]["offset"] = 360; },
       "lesson.fields.timeline[2].offset"},
      {[](json& l) { l["fields"]["timeline"][0]["offset"] = "2026-12-01T10:06:00Z"; },
       "lesson.fields.timeline[0].offset"},
      {[](json& l) { l["fields"]["timeline"][1].erase("text"); }, "lesson.fields.timeline[1].text"},
      {[](json& l) { l["fields"]["timeline"][0] = "PT6M alert fired"; },
       "lesson.fields.timeline[0]"},
      {[](json& l) { l["fields"]["contributing_factors"][0].erase("category"); },
       "lesson.fields.contributing_factors[0].category"},
      {[](json& l) { l["fields"]["action_items"][0]["owner_role"] = nullptr; },
       "lesson.fields.action_items[0].owner_role"},
      {[](json& l) { l["fields"]["action_items"][0].erase("status"); },
       "lesson.fields.action_items[0].status"},
      {[](json& l) { l["fields"]["action_items"] = json::object(); }, "lesson.fields.action_items"},
      {[](json& l) { l["fields"]["lessons_learned"] = json::array({"a"}); },
       "lesson.fields.lessons_learned"},
      {[](json& l) { l["fields"]["durations"] = nullptr; }, "lesson.fields.durations"},
      {[](json& l) { l["fields"]["durations"].erase("time_to_resolve"); },
       "lesson.fields.durations.time_to_resolve"},
      {[](json& l) { l["fields"]["durations"]["time_to_detect"] = "6 minutes"; },
       "lesson.fields.durations.time_to_detect"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(refused_path(edited(c.edit)), c.path) << c.path;
}

// A newer publisher may add members; the signature covers them, this version ignores them.
TEST(LessonDocument, MembersItDoesNotKnowAreIgnored) {
  json lesson = edited([](json& l) {
    l["language"] = "en";
    l["fields"]["root_cause_class"] = {{"code", 7}};
    l["fields"]["timeline"][0]["source"] = "pager";
    l["fields"]["action_items"][0]["due_offset"] = "P7D";
  });
  EXPECT_EQ(parse_lesson_document(lesson), sample_document());
}

// FEDERATION.md's fields do not name durations: a document from a server that sends none is
// whole.
TEST(LessonDocument, DurationsMayBeAbsent) {
  LessonDocument document =
      parse_lesson_document(edited([](json& l) { l["fields"].erase("durations"); }));
  ASSERT_TRUE(document.fields);
  EXPECT_FALSE(document.fields->durations);
  EXPECT_FALSE(to_json(document)["fields"].contains("durations"));
}

TEST(LessonDocument, OffsetsAreIso8601ElapsedTimes) {
  for (const char* offset :
       {"PT6M", "PT0S", "-PT5M", "PT26H5M", "P1DT2H", "P2D", "PT1.5S", "PT1H2M3S", "PT100000H"}) {
    EXPECT_EQ(refused_path(edited([&](json& l) { l["fields"]["timeline"][0]["offset"] = offset; })),
              "")
        << offset;
  }
  for (const char* offset :
       {"", "P", "PT", "6M", "PT6m", "P1M", "P1Y", "PT1.S", "PT.5S", "--PT1M", "P1DT", "PT1M1H",
        "PT6M ", " PT6M", "+PT6M", "PT1234567890123456789S"}) {
    EXPECT_EQ(refused_path(edited([&](json& l) { l["fields"]["timeline"][0]["offset"] = offset; })),
              "lesson.fields.timeline[0].offset")
        << offset;
  }
}

TEST(LessonDocument, ParsesFieldsAloneUnderAGivenPath) {
  json fields = to_json(sample_fields());
  EXPECT_EQ(parse_lesson_fields(fields), sample_fields());
  fields["title"] = 1;
  try {
    parse_lesson_fields(fields, "fields");
    FAIL() << "accepted a numeric title";
  } catch (const LessonDocumentError& e) {
    EXPECT_EQ(e.path(), "fields.title");
  }
}

}  // namespace
}  // namespace hindsight::federation
