// The threads that run blocking work (database calls) for coroutines, so the I/O threads never
// wait on a query: `co_await blocking.run(f)` runs f on this pool and resumes the caller on its
// own executor with f's result or exception. Sized to the database connection pool, so a
// thread here never waits for a connection.
//
// A caller cancelled while f runs (shutdown) still waits for f: blocking work cannot be
// interrupted, and the cancellation must not reach the pool's thread, where nothing could
// catch it. The caller sees the cancellation at its next wait.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

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
    constexpr bool kVoid = std::is_void_v<Result>;
    std::conditional_t<kVoid, std::monostate, std::optional<Result>> result;
    std::exception_ptr error;
    // The frame outlives the wait, so the work writes its outcome straight into it.
    auto initiate = [&](auto handler) {
      auto resume_on = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
      boost::asio::post(
          pool_, [&, handler = std::move(handler), resume_on = std::move(resume_on)]() mutable {
            try {
              if constexpr (kVoid)
                work();
              else
                result.emplace(work());
            } catch (...) {
              error = std::current_exception();
            }
            auto executor = resume_on.get_executor();
            boost::asio::post(executor, std::move(handler));
            resume_on.reset();
          });
    };
    co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void()>(
        initiate, boost::asio::use_awaitable);
    if (error) std::rethrow_exception(error);
    if constexpr (!kVoid) co_return std::move(*result);
  }

  // Runs `work` on this pool without waiting for it; it must not throw.
  template <typename F>
  void post(F work) {
    boost::asio::post(pool_, std::move(work));
  }

  std::size_t size() const { return size_; }
  // Waits for the work already queued, then ends the threads. Idempotent.
  void join();

 private:
  std::size_t size_;
  boost::asio::thread_pool pool_;
};

}  // namespace hindsight::common::runtime
