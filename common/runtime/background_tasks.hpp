// The owner of the server's background work (the change feed, delivery, periodic pulls): each
// task is a coroutine on the I/O context with a name, its failure is logged under that name,
// and stop() cancels the tasks in the reverse order of their start, waiting for each to end
// before cancelling the next, so a task never outlives what it uses.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/log/logger.hpp"

namespace hindsight::common::runtime {

using Task = std::function<boost::asio::awaitable<void>()>;

class BackgroundTasks {
 public:
  BackgroundTasks(boost::asio::io_context& io, Logger& logger);
  ~BackgroundTasks();
  BackgroundTasks(const BackgroundTasks&) = delete;
  BackgroundTasks& operator=(const BackgroundTasks&) = delete;

  // Starts `task` now; it runs until it returns, fails (logged) or stop() cancels it.
  void spawn(std::string name, Task task);
  // Runs `tick` now and then `interval` after each run ends, until stopped; a failing tick is
  // logged and the next one runs on time.
  void every(std::string name, std::chrono::milliseconds interval, Task tick);
  // Cancels every task, latest started first, each awaited to its end. Later spawns are refused.
  boost::asio::awaitable<void> stop();
  // Tasks started and not yet ended.
  std::size_t running() const;

 private:
  struct Entry;
  boost::asio::io_context& io_;
  Logger& logger_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<Entry>> entries_;
  bool stopped_ = false;
};

}  // namespace hindsight::common::runtime
