#include "common/runtime/background_tasks.hpp"

#include <atomic>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include "common/runtime/exception_text.hpp"

namespace hindsight::common::runtime {
namespace asio = boost::asio;

struct BackgroundTasks::Entry {
  explicit Entry(asio::io_context& io, std::string n)
      : name(std::move(n)), strand(io.get_executor()) {}
  std::string name;
  asio::strand<asio::io_context::executor_type> strand;
  asio::cancellation_signal cancel;  // touched on `strand` only
  std::atomic<bool> ended{false};
};

BackgroundTasks::BackgroundTasks(asio::io_context& io, Logger& logger) : io_(io), logger_(logger) {}

BackgroundTasks::~BackgroundTasks() = default;

void BackgroundTasks::spawn(std::string name, Task task) {
  auto entry = std::make_shared<Entry>(io_, std::move(name));
  {
    std::lock_guard lock(mutex_);
    if (stopped_) {
      logger_.warn("background task not started: shutting down", {{"task", entry->name}});
      return;
    }
    entries_.push_back(entry);
  }
  asio::co_spawn(
      entry->strand, std::move(task),
      asio::bind_cancellation_slot(entry->cancel.slot(), [this, entry](std::exception_ptr error) {
        if (error && !is_cancellation(error))
          logger_.error("background task failed",
                        {{"task", entry->name}, {"error", exception_text(error)}});
        entry->ended = true;
      }));
}

void BackgroundTasks::every(std::string name, std::chrono::milliseconds interval, Task tick) {
  auto loop = [this, name, interval, tick = std::move(tick)]() -> asio::awaitable<void> {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
      try {
        co_await tick();
      } catch (const boost::system::system_error& e) {
        if (e.code() == asio::error::operation_aborted) throw;
        logger_.warn("periodic task failed", {{"task", name}, {"error", e.what()}});
      } catch (const std::exception& e) {
        logger_.warn("periodic task failed", {{"task", name}, {"error", e.what()}});
      }
      timer.expires_after(interval);
      co_await timer.async_wait(asio::use_awaitable);
    }
  };
  spawn(name, std::move(loop));
}

asio::awaitable<void> BackgroundTasks::stop() {
  std::vector<std::shared_ptr<Entry>> entries;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    entries = entries_;
  }
  asio::steady_timer pause(co_await asio::this_coro::executor);
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    auto entry = *it;
    asio::post(entry->strand, [entry] { entry->cancel.emit(asio::cancellation_type::terminal); });
    // Shutdown only: a short poll keeps the bookkeeping free of cross-thread timers.
    while (!entry->ended) {
      pause.expires_after(std::chrono::milliseconds(5));
      co_await pause.async_wait(asio::use_awaitable);
    }
    logger_.debug("background task stopped", {{"task", entry->name}});
  }
}

std::size_t BackgroundTasks::running() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& entry : entries_)
    n += entry->ended ? 0 : 1;
  return n;
}

}  // namespace hindsight::common::runtime
