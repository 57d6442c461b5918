#include "common/runtime/wakeup.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace hindsight::common::runtime {

boost::asio::awaitable<void> Wakeup::wait(std::chrono::milliseconds timeout) {
  using namespace boost::asio::experimental::awaitable_operators;
  constexpr auto no_throw = boost::asio::as_tuple(boost::asio::use_awaitable);
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, timeout);
  // Whichever ends first cancels the other; a cancellation of this coroutine ends both.
  co_await (channel_.async_receive(no_throw) || timer.async_wait(no_throw));
  boost::asio::cancellation_state state = co_await boost::asio::this_coro::cancellation_state;
  if (state.cancelled() != boost::asio::cancellation_type::none)
    throw boost::system::system_error(boost::asio::error::operation_aborted);
}

}  // namespace hindsight::common::runtime
