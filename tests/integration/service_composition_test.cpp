// Services work in their caller's transaction: a lesson's approval and the rows a later step
// writes after it commit together or not at all, and what a change does once it is durable
// (counting findings in /metrics) happens only when it commits.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <stdexcept>
#include <utility>
#include <vector>

#include "common/audit/audit_writer.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "common/metrics/metrics_registry.hpp"
#include "server/lessons/anonymizer_provider.hpp"
#include "server/lessons/lesson_service.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

namespace db = common::db;
using nlohmann::json;

class ServiceComposition : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<TestServer>(
        db.conninfo(), std::map<std::string, std::string>{{"name", "Vandelay Industries"}});
    member = server->create_user_with_token("mia", "member");
    reviewer = server->create_user_with_token("rita", "reviewer");
    rita = {scalar("SELECT id::text FROM users WHERE username = 'rita'"), "rita", "rita display",
            server::Role::reviewer};
  }

  std::string scalar(const std::string& statement) {
    pqxx::connection conn(db.conninfo());
    pqxx::read_transaction tx(conn);
    auto value = tx.exec1(statement)[0];
    return value.is_null() ? "" : value.as<std::string>();
  }

  int count(const std::string& statement) { return std::stoi(scalar(statement)); }

  // A published postmortem whose lesson draft holds one finding (an email address).
  std::string lesson_draft() {
    auto created = server->request(
        "POST", "/api/v1/postmortems",
        json{{"title", "Queue disk filled"},
             {"severity", "SEV3"},
             {"summary", "The queue's disk filled; oncall@vandelay.example was paged."},
             {"went_well", "Paging worked."}}
            .dump(),
        member);
    EXPECT_EQ(created.status, 201) << created.body;
    std::string id = json::parse(created.body)["id"];
    auto status = [&](const char* to, const std::string& token) {
      auto r = server->request("POST", "/api/v1/postmortems/" + id + "/status",
                               json{{"status", to}}.dump(), token);
      EXPECT_EQ(r.status, 200) << r.body;
    };
    status("in_review", member);
    status("published", reviewer);
    return id;
  }

  TestDatabase db;
  std::unique_ptr<TestServer> server;
  std::string member, reviewer;
  server::Principal rita;
  db::ConnectionPool pool{db.conninfo(), 1};
  server::AnonymizerProvider anonymizers{"Vandelay Industries"};
  common::MetricsRegistry metrics;
  common::MetricFamily& findings =
      metrics.counter("findings_total", "Findings in drafts.", {"type", "source"});
  const std::string origin = "https://lessons.example";
  server::LessonService lessons{anonymizers, origin, findings};
};

TEST_F(ServiceComposition, ApprovalRollsBackWithAFailedStepAfterIt) {
  std::string postmortem = lesson_draft();
  std::string lesson = db::with_transaction(pool, [&](db::Transaction& tx) {
    return lessons.draft(tx, rita, postmortem)["id"].get<std::string>();
  });

  EXPECT_THROW(db::with_transaction(pool,
                                    [&](db::Transaction& tx) {
                                      lessons.approve(tx, rita, lesson, std::nullopt);
                                      throw std::runtime_error("the step after approval failed");
                                    }),
               std::runtime_error);
  EXPECT_EQ(scalar("SELECT status::text FROM lessons WHERE id = '" + lesson + "'"), "draft");
  EXPECT_EQ(count("SELECT count(*) FROM lesson_versions"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'lesson.approve'"), 0);

  db::with_transaction(pool, [&](db::Transaction& tx) {
    lessons.approve(tx, rita, lesson, std::nullopt);
    common::audit::record(tx, {std::nullopt, "https://peer.example"},
                          {"lesson.delivery_queued", "lesson", lesson});
  });
  EXPECT_EQ(scalar("SELECT status::text FROM lessons WHERE id = '" + lesson + "'"), "approved");
  EXPECT_EQ(count("SELECT count(*) FROM lesson_versions"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'lesson.approve'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'lesson.delivery_queued'"), 1);
}

TEST_F(ServiceComposition, FindingsAreCountedOnlyWhenTheDraftCommits) {
  std::string postmortem = lesson_draft();
  EXPECT_THROW(db::with_transaction(pool,
                                    [&](db::Transaction& tx) {
                                      lessons.draft(tx, rita, postmortem);
                                      throw std::runtime_error("rolled back");
                                    }),
               std::runtime_error);
  EXPECT_EQ(count("SELECT count(*) FROM lessons"), 0);
  std::string rendered;
  findings.render(rendered);
  EXPECT_EQ(rendered.find("EMAIL"), std::string::npos) << rendered;

  json draft = db::with_transaction(
      pool, [&](db::Transaction& tx) { return lessons.draft(tx, rita, postmortem); });
  std::map<std::pair<std::string, std::string>, int> expected;
  for (const auto& f : draft["findings"])
    ++expected[{f["type"].get<std::string>(), f["source"].get<std::string>()}];
  ASSERT_FALSE(expected.empty());
  bool has_email = false;
  for (const auto& [kind, n] : expected) {
    EXPECT_EQ(findings.value({kind.first, kind.second}), n) << kind.first << " " << kind.second;
    has_email = has_email || kind.first == "EMAIL";
  }
  EXPECT_TRUE(has_email) << draft["findings"].dump();
}

TEST_F(ServiceComposition, AfterCommitEffectsRunInOrderOnlyAfterACommit) {
  std::vector<std::string> effects;
  EXPECT_THROW(db::with_transaction(pool,
                                    [&](db::Transaction& tx) {
                                      tx.after_commit([&] { effects.push_back("refused"); });
                                      throw std::runtime_error("rolled back");
                                    }),
               std::runtime_error);
  EXPECT_TRUE(effects.empty());
  db::with_transaction(pool, [&](db::Transaction& tx) {
    tx.after_commit([&] { effects.push_back("first"); });
    tx.after_commit([&] { effects.push_back("second"); });
    EXPECT_TRUE(effects.empty());  // not before the commit
  });
  EXPECT_EQ(effects, (std::vector<std::string>{"first", "second"}));
}

}  // namespace
}  // namespace hindsight::test
