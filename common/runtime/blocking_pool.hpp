// The threads that run blocking work (database calls) for coroutines, so the I/O threads never
// wait on a query: `co_await blocking.run(f)` runs f on this pool and resumes the caller on its
// own executor with f's result or exception. Sized to the database connection pool, so a
// thread here never waits for a connection.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

namespace hindsight::common::runtime {

class BlockingPool {
 public:
  explicit BlockingPool(std::size_t threads);
  ~BlockingPool();
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F&>> run(F work) {
    using Result = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<Result>) {
      co_await boost::asio::co_spawn(pool_, call_void(std::move(work)), boost::asio::use_awaitable);
    } else {
      // Wrapped in an optional: co_spawn's completion needs a default-constructible value.
      auto result =
          co_await boost::asio::co_spawn(pool_, call(std::move(work)), boost::asio::use_awaitable);
      co_return std::move(*result);
    }
  }

  std::size_t size() const { return size_; }
  // Waits for the work already queued, then ends the threads. Idempotent.
  void join();

 private:
  template <typename F>
  static boost::asio::awaitable<std::optional<std::invoke_result_t<F&>>> call(F work) {
    co_return std::optional<std::invoke_result_t<F&>>(work());
  }
  template <typename F>
  static boost::asio::awaitable<void> call_void(F work) {
    work();
    co_return;
  }

  std::size_t size_;
  boost::asio::thread_pool pool_;
};

}  // namespace hindsight::common::runtime
