// Wakeup: a wait ends at its timeout, or at once after a notify, including one that came
// before the wait began; and it ends when its coroutine is cancelled.
#include "common/runtime/wakeup.hpp"

#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace hindsight::common::runtime {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// How long one wait(timeout) took, with `before` run first on the same context.
Clock::duration timed_wait(std::chrono::milliseconds timeout,
                           const std::function<void(Wakeup&)>& before = {}) {
  asio::io_context io;
  Wakeup wakeup(io.get_executor());
  if (before) before(wakeup);
  Clock::duration took{};
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto start = Clock::now();
        co_await wakeup.wait(timeout);
        took = Clock::now() - start;
      },
      asio::detached);
  io.run();
  return took;
}

TEST(WakeupTest, AWaitLastsItsTimeoutWithoutANotify) {
  auto took = timed_wait(200ms);
  EXPECT_GE(took, 190ms);
  EXPECT_LT(took, 2s);
}

TEST(WakeupTest, ANotifyBeforeTheWaitEndsItAtOnceAndOnlyOnce) {
  asio::io_context io;
  Wakeup wakeup(io.get_executor());
  wakeup.notify();
  wakeup.notify();  // kept as one
  std::vector<Clock::duration> took;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        for (int i = 0; i < 2; ++i) {
          auto start = Clock::now();
          co_await wakeup.wait(300ms);
          took.push_back(Clock::now() - start);
        }
      },
      asio::detached);
  io.run();
  ASSERT_EQ(took.size(), 2u);
  EXPECT_LT(took[0], 100ms);
  EXPECT_GE(took[1], 290ms);
}

TEST(WakeupTest, ANotifyFromAnotherThreadEndsAWaitInProgress) {
  asio::io_context io;
  Wakeup wakeup(io.get_executor());
  Clock::duration took{};
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto start = Clock::now();
        co_await wakeup.wait(10s);
        took = Clock::now() - start;
      },
      asio::detached);
  std::thread notifier([&] {
    std::this_thread::sleep_for(100ms);
    wakeup.notify();
  });
  io.run();
  notifier.join();
  EXPECT_GE(took, 90ms);
  EXPECT_LT(took, 5s);
}

TEST(WakeupTest, CancellingTheCoroutineEndsTheWaitWithAnError) {
  asio::io_context io;
  Wakeup wakeup(io.get_executor());
  asio::cancellation_signal cancel;
  bool aborted = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          co_await wakeup.wait(10s);
        } catch (const boost::system::system_error& e) {
          aborted = e.code() == asio::error::operation_aborted;
        }
      },
      asio::bind_cancellation_slot(cancel.slot(), asio::detached));
  asio::steady_timer later(io, 50ms);
  later.async_wait([&](boost::system::error_code) { cancel.emit(asio::cancellation_type::all); });
  auto start = Clock::now();
  io.run();
  EXPECT_TRUE(aborted);
  EXPECT_LT(Clock::now() - start, 5s);
}

}  // namespace
}  // namespace hindsight::common::runtime
