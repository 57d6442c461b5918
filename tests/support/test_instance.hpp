// One instance for federation tests over real HTTPS: its own database and server, with an
// admin, a reviewer and a member holding API tokens, and the steps an organization takes
// (share a lesson, subscribe, accept) as its people would take them through the API.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {

struct ApiAnswer {
  int status = 0;
  nlohmann::json body;
};

class TestInstance {
 public:
  // `settings` as for TestServer; fast delivery timers unless given. With `public_url` set (a
  // RecordingProxy's origin), peers reach the instance through that URL.
  explicit TestInstance(std::string name, std::map<std::string, std::string> settings = {});
  ~TestInstance();

  std::string origin() const { return origin_; }
  TestServer& server() { return *server_; }
  const TestDatabase& database() const { return db_; }

  ApiAnswer call(const std::string& method, const std::string& path,
                 const nlohmann::json& body = nullptr) const;  // as the admin
  ApiAnswer call_as(const std::string& token, const std::string& method, const std::string& path,
                    const nlohmann::json& body = nullptr) const;

  // A postmortem with this title and tags, filed, published, drafted as a lesson and approved.
  // Returns the lesson's id.
  std::string share_lesson(const std::string& title, const std::vector<std::string>& tags);
  // The same for a postmortem given whole (PostmortemInput).
  std::string share_postmortem(const nlohmann::json& postmortem);
  // Files a new version of the lesson's postmortem with these tags, redrafts and approves it.
  void update_lesson(const std::string& lesson_id, const std::string& title,
                     const std::vector<std::string>& tags);
  void retract_lesson(const std::string& lesson_id);

  // This instance's admin subscribes to `publisher`; returns the subscription's id here.
  std::string subscribe_to(const TestInstance& publisher,
                           const std::vector<std::string>& topics = {});
  // The publisher's id of the pending request from `subscriber`.
  std::string subscriber_request_from(const TestInstance& subscriber) const;
  void accept(const TestInstance& subscriber);
  // subscribe_to, the publisher's accept, and the wait until the acceptance is heard here.
  void subscribe_accepted(TestInstance& publisher, const std::vector<std::string>& topics = {});
  // The state of this instance's subscription with `peer` in `list` (/api/v1/subscriptions or
  // /api/v1/subscribers), or "none".
  std::string state_of(const char* list, const TestInstance& peer) const;

  // Stops the server; start() brings it back on the same port and database.
  void stop();
  void start();

  // Another `hindsight serve` process on this instance's database and under its origin, as a
  // second server behind one load balancer would run: its settings are the instance's, with
  // `overrides` over them. Waits until it listens.
  std::unique_ptr<ServerProcess> start_process(
      const std::map<std::string, std::string>& overrides = {});

  // The first column of every row, as text (NULL as "null").
  std::vector<std::string> column(const std::string& sql) const;
  long long count(const std::string& sql) const;

  std::string admin, reviewer, member;

 private:
  std::string name_;
  std::map<std::string, std::string> settings_;
  TestDatabase db_;
  std::unique_ptr<TestServer> server_;
  std::string origin_;
  std::string listen_;  // 127.0.0.1:PORT once first started
  std::vector<std::filesystem::path> process_dirs_;
  std::map<std::string, std::string> postmortem_of_lesson_;
};

// Polls `condition` until it holds or `timeout` passes; returns whether it held.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace hindsight::test
