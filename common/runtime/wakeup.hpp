// Wakes one waiting background task early: the task sleeps until its timeout or until notify(),
// whichever comes first. A notify() while nobody waits is kept for the next wait, so a wake-up
// between two waits is never lost; several are kept as one.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>

namespace hindsight::common::runtime {

class Wakeup {
 public:
  explicit Wakeup(boost::asio::any_io_executor executor) : channel_(std::move(executor), 1) {}

  // Thread-safe.
  void notify() { channel_.try_send(boost::system::error_code{}); }
  // Returns after `timeout`, or at once when notify() was called since the last wait returned.
  boost::asio::awaitable<void> wait(std::chrono::milliseconds timeout);

 private:
  boost::asio::experimental::concurrent_channel<void(boost::system::error_code)> channel_;
};

}  // namespace hindsight::common::runtime
