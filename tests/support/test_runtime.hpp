// A running runtime (one I/O thread, a blocking pool, background tasks) for tests of the
// components that live on it, such as the change feed. Destruction shuts it down in order.
#pragma once

#include <thread>

#include "common/log/logger.hpp"
#include "common/runtime/background_tasks.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "common/runtime/runtime.hpp"

namespace hindsight::test {

class TestRuntime {
 public:
  explicit TestRuntime(common::Logger& logger, std::size_t blocking_threads = 2)
      : runtime_(1, std::chrono::seconds(10), logger),
        blocking_(blocking_threads),
        tasks_(runtime_.io(), logger) {
    runtime_.on_shutdown("background tasks", [this] { return tasks_.stop(); });
    thread_ = std::thread([this] { runtime_.run(); });
  }
  ~TestRuntime() {
    runtime_.request_shutdown();
    thread_.join();
    blocking_.join();
  }
  TestRuntime(const TestRuntime&) = delete;
  TestRuntime& operator=(const TestRuntime&) = delete;

  common::runtime::Runtime& runtime() { return runtime_; }
  common::runtime::BlockingPool& blocking() { return blocking_; }
  common::runtime::BackgroundTasks& tasks() { return tasks_; }

 private:
  common::runtime::Runtime runtime_;
  common::runtime::BlockingPool blocking_;
  common::runtime::BackgroundTasks tasks_;
  std::thread thread_;
};

}  // namespace hindsight::test
