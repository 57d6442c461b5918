// An HTTPS proxy in front of one test instance, the way a load balancer stands in front of a
// server: the instance's public URL is the proxy's, so every request its peers send it passes
// here. The proxy records each exchange (what was sent and what came back) and can answer the
// next requests to a path with an error instead of forwarding them, as a broken receiver would.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hindsight::test {

struct ProxiedExchange {
  std::string method;
  std::string target;
  std::string request_body;
  int status = 0;  // 0: the connection was dropped, or the instance behind was unreachable
  std::string response_body;
  std::chrono::steady_clock::time_point at;  // when the request arrived
};

class RecordingProxy {
 public:
  // Listens on 127.0.0.1 on an ephemeral port with the test certificate.
  RecordingProxy();
  ~RecordingProxy();
  RecordingProxy(const RecordingProxy&) = delete;
  RecordingProxy& operator=(const RecordingProxy&) = delete;

  std::string origin() const;  // https://127.0.0.1:PORT
  // The instance behind the proxy; until it is set, requests are answered 502.
  void forward_to(uint16_t port);
  // The next requests whose path starts with `path_prefix` are answered with these statuses in
  // turn, without reaching the instance; status 0 drops the connection without an answer.
  void fail_next(const std::string& path_prefix, std::vector<int> statuses);
  int failures_left() const;
  std::vector<ProxiedExchange> exchanges() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hindsight::test
