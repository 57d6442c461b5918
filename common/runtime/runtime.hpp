// The process's asynchronous runtime: one io_context run by the I/O threads, the signals that
// begin shutdown, the ordered shutdown steps, and the watchdog that ends the I/O when the steps
// outlast the shutdown timeout. The application owns it and hands its io_context to the
// listener and to the background tasks.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/log/logger.hpp"
#include "common/runtime/background_tasks.hpp"

namespace hindsight::common::runtime {

class Runtime {
 public:
  Runtime(unsigned io_threads, std::chrono::milliseconds shutdown_timeout, Logger& logger);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  boost::asio::io_context& io() { return io_; }

  // Shutdown runs these one after another, in the order added (for example: drain the
  // listener, then stop the background tasks). Add them before run().
  void on_shutdown(std::string name, Task step);
  // Runs the I/O threads, the caller's among them, until shutdown has run every step (or the
  // timeout cut it short). SIGINT and SIGTERM begin shutdown; `on_started` runs first.
  void run(const std::function<void()>& on_started = {});
  // Begins shutdown; thread-safe and idempotent.
  void request_shutdown();

 private:
  boost::asio::awaitable<void> shut_down();
  void start_watchdog();

  unsigned io_threads_;
  std::chrono::milliseconds shutdown_timeout_;
  Logger& logger_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  boost::asio::signal_set signals_;
  std::vector<std::pair<std::string, Task>> steps_;
  std::atomic<bool> shutting_down_{false};

  std::thread watchdog_;
  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_wake_;
  bool finished_ = false;
};

}  // namespace hindsight::common::runtime
