#include "tests/support/test_instance.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "tests/support/test_tls.hpp"

namespace hindsight::test {
using nlohmann::json;

namespace {

json postmortem(const std::string& title, const std::vector<std::string>& tags) {
  return {{"title", title},
          {"severity", "SEV2"},
          {"started_at", "2026-03-01T10:00:00Z"},
          {"resolved_at", "2026-03-01T11:00:00Z"},
          {"tags", tags},
          {"summary", "Connection pool exhaustion during " + title + "."},
          {"trigger", "A configuration change halved the pool."},
          {"resolution", "Restored the pool size."},
          {"lessons_learned", "Alert on pool saturation."}};
}

}  // namespace

TestInstance::TestInstance(std::string name, std::map<std::string, std::string> settings)
    : name_(std::move(name)), settings_(std::move(settings)) {
  settings_.try_emplace("name", name_);
  settings_.try_emplace("delivery_backoff_base", "200ms");
  settings_.try_emplace("delivery_poll_interval", "1s");
  settings_.try_emplace("delivery_lease", "5s");
  settings_.try_emplace("delivery_workers", "2");
  settings_.try_emplace("pull_interval", "1h");
  // A peer that was down is fetched again within a second, not a minute.
  settings_.try_emplace("discovery_refetch_interval", "1s");
  start();
  listen_ = "127.0.0.1:" + std::to_string(server_->port());
  origin_ = settings_.count("public_url") ? settings_.at("public_url") : "https://" + listen_;
  admin = server_->create_user_with_token("ada", "admin");
  reviewer = server_->create_user_with_token("rita", "reviewer");
  member = server_->create_user_with_token("mia", "member");
}

TestInstance::~TestInstance() {
  server_.reset();
  std::error_code ignored;
  for (const auto& dir : process_dirs_)
    std::filesystem::remove_all(dir, ignored);
}

void TestInstance::stop() {
  server_.reset();
}

void TestInstance::start() {
  auto settings = settings_;
  // Back on its port, so peers still know it by its origin.
  if (!listen_.empty()) settings["listen"] = listen_;
  server_ = std::make_unique<TestServer>(db_.conninfo(), settings);
}

std::unique_ptr<ServerProcess> TestInstance::start_process(
    const std::map<std::string, std::string>& overrides) {
  auto dir = process_dirs_.emplace_back(make_temp_dir("hindsight-process"));
  auto settings = overrides;
  settings.try_emplace("public_url", origin_);
  settings.insert(settings_.begin(), settings_.end());  // keeps what `overrides` set
  settings.erase("listen");                             // its own port, not the instance's
  add_test_server_defaults(settings, db_.conninfo(), dir.string());
  std::ofstream config(dir / "config.toml");
  for (const auto& [key, value] : settings)
    config << key << " = " << json(value).dump() << "\n";  // a JSON string is a TOML string
  config.close();
  auto process = std::make_unique<ServerProcess>(
      std::vector<std::string>{"serve", "--config", (dir / "config.toml").string()});
  process->wait_listening();
  return process;
}

ApiAnswer TestInstance::call_as(const std::string& token, const std::string& method,
                                const std::string& path, const json& body) const {
  auto r = server_->request(method, path, body.is_null() ? "" : body.dump(), token);
  return {r.status, json::parse(r.body, nullptr, false)};
}

ApiAnswer TestInstance::call(const std::string& method, const std::string& path,
                             const json& body) const {
  return call_as(admin, method, path, body);
}

std::string TestInstance::share_lesson(const std::string& title,
                                       const std::vector<std::string>& tags) {
  return share_postmortem(postmortem(title, tags));
}

std::string TestInstance::share_postmortem(const json& postmortem) {
  auto made = call_as(member, "POST", "/api/v1/postmortems", postmortem);
  EXPECT_EQ(made.status, 201) << made.body;
  std::string pm = made.body["id"];
  EXPECT_EQ(
      call_as(member, "POST", "/api/v1/postmortems/" + pm + "/status", {{"status", "in_review"}})
          .status,
      200);
  EXPECT_EQ(
      call_as(reviewer, "POST", "/api/v1/postmortems/" + pm + "/status", {{"status", "published"}})
          .status,
      200);
  auto lesson = call_as(reviewer, "POST", "/api/v1/postmortems/" + pm + "/lesson", json::object());
  EXPECT_EQ(lesson.status, 201) << lesson.body;
  std::string id = lesson.body["id"];
  auto approved = call_as(reviewer, "POST", "/api/v1/lessons/" + id + "/approve", json::object());
  EXPECT_EQ(approved.status, 200) << approved.body;
  postmortem_of_lesson_[id] = pm;
  return id;
}

void TestInstance::update_lesson(const std::string& lesson_id, const std::string& title,
                                 const std::vector<std::string>& tags) {
  const std::string& pm = postmortem_of_lesson_.at(lesson_id);
  auto current = server_->get("/api/v1/postmortems/" + pm, reviewer);
  auto put = server_->request("PUT", "/api/v1/postmortems/" + pm, postmortem(title, tags).dump(),
                              reviewer, {{"If-Match", current.header("etag")}});
  EXPECT_EQ(put.status, 200) << put.body;
  auto lesson = call_as(reviewer, "POST", "/api/v1/postmortems/" + pm + "/lesson", json::object());
  EXPECT_EQ(lesson.status, 201) << lesson.body;
  auto approved =
      call_as(reviewer, "POST", "/api/v1/lessons/" + lesson_id + "/approve", json::object());
  EXPECT_EQ(approved.status, 200) << approved.body;
}

void TestInstance::retract_lesson(const std::string& lesson_id) {
  auto r = call_as(reviewer, "POST", "/api/v1/lessons/" + lesson_id + "/retract", json::object());
  EXPECT_EQ(r.status, 200) << r.body;
}

std::string TestInstance::subscribe_to(const TestInstance& publisher,
                                       const std::vector<std::string>& topics) {
  auto r =
      call("POST", "/api/v1/subscriptions", {{"peer_url", publisher.origin()}, {"topics", topics}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.body.value("id", "");
}

std::string TestInstance::subscriber_request_from(const TestInstance& subscriber) const {
  auto list = call("GET", "/api/v1/subscribers");
  for (const auto& item : list.body["items"])
    if (item["peer_url"] == subscriber.origin() && item["state"] == "pending") return item["id"];
  ADD_FAILURE() << name_ << " has no pending request from " << subscriber.origin() << ": "
                << list.body;
  return "";
}

std::string TestInstance::state_of(const char* list, const TestInstance& peer) const {
  auto answer = call("GET", list);
  for (const auto& item : answer.body["items"])
    if (item["peer_url"] == peer.origin()) return item["state"];
  return "none";
}

void TestInstance::subscribe_accepted(TestInstance& publisher,
                                      const std::vector<std::string>& topics) {
  subscribe_to(publisher, topics);
  publisher.accept(*this);
  EXPECT_TRUE(eventually([&] {
    return state_of("/api/v1/subscriptions", publisher) == "accepted";
  })) << "the acceptance reaches "
      << name_;
}

void TestInstance::accept(const TestInstance& subscriber) {
  auto r = call("POST", "/api/v1/subscribers/" + subscriber_request_from(subscriber) + "/accept",
                json::object());
  EXPECT_EQ(r.status, 200) << r.body;
}

std::vector<std::string> TestInstance::column(const std::string& sql) const {
  pqxx::connection conn(db_.conninfo());
  pqxx::read_transaction tx(conn);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql))
    out.push_back(row[0].is_null() ? "null" : row[0].as<std::string>());
  return out;
}

long long TestInstance::count(const std::string& sql) const {
  return std::stoll(column("SELECT count(*) FROM (" + sql + ") counted").at(0));
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

}  // namespace hindsight::test
