// The runtime's ownership of background work: shutdown runs its steps in order, tasks are
// cancelled latest first and each awaited to its end, and no failure goes unlogged.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/log/logger.hpp"
#include "common/runtime/background_tasks.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "common/runtime/runtime.hpp"

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using common::runtime::BackgroundTasks;
using common::runtime::BlockingPool;
using common::runtime::Runtime;

// A log kept in a temporary file, read back by the test.
class CapturedLog {
 public:
  CapturedLog() : file_(std::tmpfile()), logger_(file_, common::LogLevel::debug) {}
  ~CapturedLog() { std::fclose(file_); }
  common::Logger& logger() { return logger_; }
  std::string text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, file_))
      out.append(buffer, n);
    return out;
  }

 private:
  std::FILE* file_;
  common::Logger logger_;
};

class Events {
 public:
  void add(std::string event) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(event));
  }
  std::vector<std::string> list() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> events_;
};

// Waits until cancelled, then reports it; `linger` is work its cancellation still has to do.
asio::awaitable<void> wait_for_cancel(Events& events, std::string name,
                                      std::chrono::milliseconds linger) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1h);
  try {
    co_await timer.async_wait(asio::use_awaitable);
  } catch (const boost::system::system_error&) {
    events.add(name + " cancelled");
    std::this_thread::sleep_for(linger);
    events.add(name + " ended");
    throw;
  }
}

struct Fixture {
  CapturedLog log;
  Runtime runtime{2, 10s, log.logger()};
  BackgroundTasks tasks{runtime.io(), log.logger()};
  Fixture() {
    runtime.on_shutdown("background tasks", [this] { return tasks.stop(); });
  }
  void run_until_shutdown_after(std::chrono::milliseconds delay) {
    std::thread stopper([&] {
      std::this_thread::sleep_for(delay);
      runtime.request_shutdown();
    });
    runtime.run();
    stopper.join();
  }
};

TEST(BackgroundTasks, StopCancelsTheLatestStartedFirstAndWaitsForEachToEnd) {
  Fixture f;
  Events events;
  f.tasks.spawn("first", [&] { return wait_for_cancel(events, "first", 0ms); });
  f.tasks.spawn("second", [&] { return wait_for_cancel(events, "second", 100ms); });
  f.run_until_shutdown_after(100ms);
  EXPECT_EQ(events.list(), (std::vector<std::string>{"second cancelled", "second ended",
                                                     "first cancelled", "first ended"}));
  EXPECT_EQ(f.tasks.running(), 0u);
}

TEST(BackgroundTasks, AFailingTaskIsLoggedUnderItsName) {
  Fixture f;
  f.tasks.spawn("doomed", []() -> asio::awaitable<void> {
    throw std::runtime_error("the disk is on fire");
    co_return;
  });
  f.run_until_shutdown_after(100ms);
  std::string log = f.log.text();
  EXPECT_NE(log.find("background task failed"), std::string::npos) << log;
  EXPECT_NE(log.find("doomed"), std::string::npos) << log;
  EXPECT_NE(log.find("the disk is on fire"), std::string::npos) << log;
}

TEST(BackgroundTasks, APeriodicTaskKeepsItsScheduleAfterAFailingRun) {
  Fixture f;
  std::atomic<int> runs{0};
  f.tasks.every("ticker", 10ms, [&]() -> asio::awaitable<void> {
    if (++runs == 1) throw std::runtime_error("first run fails");
    co_return;
  });
  f.run_until_shutdown_after(300ms);
  EXPECT_GE(runs.load(), 3);
  EXPECT_NE(f.log.text().find("first run fails"), std::string::npos);
}

TEST(BackgroundTasks, StoppingATaskInTheMiddleOfBlockingWorkLetsTheWorkFinish) {
  Fixture f;
  BlockingPool blocking(2);  // a second thread is free to take the cancellation
  Events events;
  f.tasks.spawn("connecting", [&]() -> asio::awaitable<void> {
    co_await blocking.run([&] {
      events.add("work started");
      std::this_thread::sleep_for(300ms);
      events.add("work finished");
    });
    events.add("task went on");
    asio::steady_timer timer(co_await asio::this_coro::executor, 1h);
    co_await timer.async_wait(asio::use_awaitable);
  });
  f.run_until_shutdown_after(100ms);  // cancels while the work runs
  blocking.join();
  auto list = events.list();
  ASSERT_GE(list.size(), 2u);
  EXPECT_EQ(list[0], "work started");
  EXPECT_EQ(list[1], "work finished");
  EXPECT_EQ(f.tasks.running(), 0u);
  EXPECT_EQ(f.log.text().find("background task failed"), std::string::npos) << f.log.text();
}

TEST(BackgroundTasks, NothingStartsOnceStopped) {
  Fixture f;
  std::atomic<bool> ran{false};
  f.run_until_shutdown_after(50ms);
  f.tasks.spawn("late", [&]() -> asio::awaitable<void> {
    ran = true;
    co_return;
  });
  f.runtime.io().restart();
  f.runtime.io().poll();
  EXPECT_FALSE(ran);
}

TEST(Runtime, ShutdownRunsItsStepsInOrderEvenAfterOneFails) {
  CapturedLog log;
  Runtime runtime(2, 10s, log.logger());
  Events events;
  runtime.on_shutdown("one", [&]() -> asio::awaitable<void> {
    events.add("one");
    throw std::runtime_error("step one broke");
    co_return;
  });
  runtime.on_shutdown("two", [&]() -> asio::awaitable<void> {
    events.add("two");
    co_return;
  });
  runtime.request_shutdown();
  runtime.run();  // returns: every step ran
  EXPECT_EQ(events.list(), (std::vector<std::string>{"one", "two"}));
  EXPECT_NE(log.text().find("step one broke"), std::string::npos);
}

TEST(Runtime, TheWatchdogEndsAShutdownStepThatHangs) {
  CapturedLog log;
  Runtime runtime(1, 200ms, log.logger());
  runtime.on_shutdown("hangs", []() -> asio::awaitable<void> {
    asio::steady_timer timer(co_await asio::this_coro::executor, 1h);
    co_await timer.async_wait(asio::use_awaitable);
  });
  runtime.request_shutdown();
  auto started = std::chrono::steady_clock::now();
  runtime.run();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_NE(log.text().find("shutdown timeout reached"), std::string::npos);
}

TEST(BlockingPool, RunsWorkOffTheCallersThreadAndBringsBackResultsAndErrors) {
  CapturedLog log;
  Runtime runtime(1, 10s, log.logger());
  BlockingPool blocking(2);
  std::thread::id io_thread, work_thread, resumed_on;
  int value = 0;
  std::string error;
  asio::co_spawn(
      runtime.io(),
      [&]() -> asio::awaitable<void> {
        io_thread = std::this_thread::get_id();
        value = co_await blocking.run([&] {
          work_thread = std::this_thread::get_id();
          return 42;
        });
        resumed_on = std::this_thread::get_id();
        try {
          co_await blocking.run([]() -> int { throw std::runtime_error("query failed"); });
        } catch (const std::runtime_error& e) {
          error = e.what();
        }
        runtime.request_shutdown();
      },
      asio::detached);
  runtime.run();
  EXPECT_EQ(value, 42);
  EXPECT_NE(work_thread, io_thread);
  EXPECT_EQ(resumed_on, io_thread);
  EXPECT_EQ(error, "query failed");
}

}  // namespace
}  // namespace hindsight::test
