// Export (JSON that round-trips exactly, Markdown with the template's headings), import, and
// the figures of /api/v1/stats.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class ExportAndStats : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(db.conninfo());
    token = server->create_user_with_token("zoe", "member");
  }

  json create(const json& body) {
    auto r = server->request("POST", "/api/v1/postmortems", body.dump(), token);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body);
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string token;
};

json incident(const std::string& title, const std::string& severity, const std::string& started,
              int detect_minutes, int resolve_minutes) {
  auto at = [&](int minutes) {
    int h = 10 + minutes / 60, m = minutes % 60;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "T%02d:%02d:00Z", h, m);
    return started + buffer;
  };
  return {{"title", title},
          {"severity", severity},
          {"started_at", at(0)},
          {"detected_at", at(detect_minutes)},
          {"resolved_at", at(resolve_minutes)},
          {"summary", "Line one.\n\n**Bold** and `code`."},
          {"timeline", {{{"at", at(detect_minutes)}, {"text", "Paged the on-call"}}}},
          {"contributing_factors", {{{"category", "change"}, {"text", "bad deploy"}}}},
          {"action_items",
           {{{"text", "Add canary"}, {"owner", "zoe"}, {"due", "2001-01-01"}},
            {{"text", "Docs"}, {"status", "done"}}}},
          {"tags", {"deploy"}}};
}

TEST_F(ExportAndStats, JsonExportRoundTripsExactlyThroughImport) {
  auto original = create(incident("Bad deploy", "SEV2", "2026-03-01", 5, 90));
  std::string id = original["id"];
  auto exported = server->get("/api/v1/postmortems/" + id + "/export?format=json", token);
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.header("content-disposition").find("attachment"), std::string::npos);
  json document = json::parse(exported.body);
  EXPECT_EQ(document["format"], "hindsight.postmortem/1");
  EXPECT_EQ(document["source"]["id"], id);

  auto imported = server->request("POST", "/api/v1/postmortems/import", exported.body, token);
  ASSERT_EQ(imported.status, 201) << imported.body;
  std::string copy = json::parse(imported.body)["id"];
  EXPECT_NE(copy, id);
  auto again = json::parse(server->get("/api/v1/postmortems/" + copy + "/export", token).body);
  EXPECT_EQ(again["postmortem"], document["postmortem"]);
}

TEST_F(ExportAndStats, ImportRefusesWhatIsNotAnExport) {
  auto wrong_format =
      server->request("POST", "/api/v1/postmortems/import",
                      json{{"format", "other"}, {"postmortem", json::object()}}.dump(), token);
  EXPECT_EQ(wrong_format.status, 400);
  EXPECT_EQ(json::parse(wrong_format.body)["error"]["field"], "format");
  auto bad_field = server->request("POST", "/api/v1/postmortems/import",
                                   json{{"format", "hindsight.postmortem/1"},
                                        {"postmortem", {{"title", "x"}, {"severity", "SEV7"}}}}
                                       .dump(),
                                   token);
  EXPECT_EQ(bad_field.status, 400);
  EXPECT_EQ(json::parse(bad_field.body)["error"]["field"], "severity");
  EXPECT_EQ(
      server->get("/api/v1/postmortems/00000000-0000-0000-0000-000000000000/export", token).status,
      404);
}

TEST_F(ExportAndStats, MarkdownExportHasTheTemplateHeadings) {
  auto pm = create(incident("Bad deploy", "SEV2", "2026-03-01", 5, 90));
  auto r = server->get(
      "/api/v1/postmortems/" + pm["id"].get<std::string>() + "/export?format=markdown", token);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("text/markdown"), std::string::npos);
  const std::string& md = r.body;
  EXPECT_EQ(md.rfind("# Bad deploy\n", 0), 0u);
  for (const char* heading :
       {"## Summary", "## Customer impact", "## Timeline", "## Trigger", "## Contributing factors",
        "## Detection", "## Response and resolution", "## What went well", "## What went poorly",
        "## Where we got lucky", "## Action items", "## Lessons learned"})
    EXPECT_NE(md.find(std::string(heading) + "\n"), std::string::npos) << heading;
  EXPECT_NE(md.find("| Time to detect | 0h 05m |"), std::string::npos);
  EXPECT_NE(md.find("- **2026-03-01T10:05:00Z** (event) Paged the on-call"), std::string::npos);
  EXPECT_NE(md.find("- **change**: bad deploy"), std::string::npos);
  EXPECT_NE(md.find("- [x] Docs"), std::string::npos);
  EXPECT_NE(md.find("**Bold** and `code`."), std::string::npos);
  EXPECT_EQ(
      server
          ->get("/api/v1/postmortems/" + pm["id"].get<std::string>() + "/export?format=pdf", token)
          .status,
      400);
}

TEST_F(ExportAndStats, StatsCountAndTakeMedians) {
  create(incident("One", "SEV1", "2026-01-05", 4, 60));
  create(incident("Two", "SEV2", "2026-01-20", 10, 120));
  create(incident("Three", "SEV2", "2026-02-02", 30, 300));
  auto r = server->get("/api/v1/stats", token);
  ASSERT_EQ(r.status, 200);
  auto s = json::parse(r.body);
  EXPECT_EQ(s["postmortems"], 3);
  EXPECT_EQ(s["by_severity"]["SEV1"], 1);
  EXPECT_EQ(s["by_severity"]["SEV2"], 2);
  EXPECT_EQ(s["by_contributing_factor"]["change"], 3);
  EXPECT_EQ(s["by_month"],
            json::parse(R"([{"month":"2026-01","count":2},{"month":"2026-02","count":1}])"));
  EXPECT_EQ(s["median_time_to_detect_seconds"], 600);
  EXPECT_EQ(s["median_time_to_resolve_seconds"], 7200);
  EXPECT_EQ(s["open_action_items"], 3);
  EXPECT_EQ(s["overdue_action_items"], 3);
  auto february = json::parse(server->get("/api/v1/stats?from=2026-02-01T00:00:00Z", token).body);
  EXPECT_EQ(february["postmortems"], 1);
  EXPECT_EQ(server->get("/api/v1/stats?from=february", token).status, 400);
}

}  // namespace
}  // namespace hindsight::test
