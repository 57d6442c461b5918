#include "common/runtime/runtime.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <csignal>

#include "common/runtime/exception_text.hpp"

namespace hindsight::common::runtime {
namespace asio = boost::asio;

Runtime::Runtime(unsigned io_threads, std::chrono::milliseconds shutdown_timeout, Logger& logger)
    : io_threads_(io_threads == 0 ? 1 : io_threads),
      shutdown_timeout_(shutdown_timeout),
      logger_(logger),
      io_(static_cast<int>(io_threads_)),
      work_(asio::make_work_guard(io_)),
      signals_(io_, SIGINT, SIGTERM) {}

Runtime::~Runtime() {
  if (watchdog_.joinable()) {
    {
      std::lock_guard lock(watchdog_mutex_);
      finished_ = true;
    }
    watchdog_wake_.notify_all();
    watchdog_.join();
  }
}

void Runtime::on_shutdown(std::string name, Task step) {
  steps_.emplace_back(std::move(name), std::move(step));
}

void Runtime::request_shutdown() {
  asio::post(io_, [this] {
    if (shutting_down_.exchange(true)) return;
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    start_watchdog();
    // It releases the work guard as its last act, and the watchdog ends the I/O if a step
    // hangs; either way it cannot outlive run().
    asio::co_spawn(io_, shut_down(), [this](std::exception_ptr error) {
      if (!error) return;
      logger_.error("shutdown failed; the watchdog ends it", {{"error", exception_text(error)}});
    });
  });
}

asio::awaitable<void> Runtime::shut_down() {
  for (auto& [name, step] : steps_) {
    logger_.debug("shutdown step", {{"step", name}});
    // A failed step is logged and the next one still runs: the later steps release the rest.
    std::string failure;
    try {
      co_await step();
    } catch (const std::exception& e) {
      failure = e.what();
    }
    if (!failure.empty())
      logger_.error("shutdown step failed", {{"step", name}, {"error", failure}});
  }
  work_.reset();
}

void Runtime::start_watchdog() {
  watchdog_ = std::thread([this] {
    std::unique_lock lock(watchdog_mutex_);
    if (!watchdog_wake_.wait_for(lock, shutdown_timeout_, [this] { return finished_; })) {
      logger_.warn("shutdown timeout reached; closing what is still in flight");
      io_.stop();
    }
  });
}

void Runtime::run(const std::function<void()>& on_started) {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    logger_.info("shutting down", {{"signal", signal}});
    request_shutdown();
  });
  if (on_started) on_started();
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < io_threads_; ++i)
    threads.emplace_back([this] { io_.run(); });
  io_.run();
  for (auto& t : threads)
    t.join();
  {
    std::lock_guard lock(watchdog_mutex_);
    finished_ = true;
  }
  watchdog_wake_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

}  // namespace hindsight::common::runtime
