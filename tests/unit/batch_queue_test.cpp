// Work submitted while a batch runs is taken together by the next one; each submitter gets its
// own result or error, a batch's own failure reaches the items it left unanswered, and no
// batch exceeds its size.
#include "common/runtime/batch_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using common::runtime::BlockingPool;
using Queue = common::runtime::BatchQueue<int, int>;

// Submits each of `items` from its own coroutine on a 4-thread io_context; each outcome is the
// result, or -1 for an error.
std::vector<int> submit_all(Queue& queue, const std::vector<int>& items) {
  asio::io_context io;
  std::vector<std::future<int>> futures;
  for (int item : items)
    futures.push_back(asio::co_spawn(
        io,
        [&queue, item]() -> asio::awaitable<int> {
          try {
            co_return co_await queue.submit(item);
          } catch (const std::exception&) {
            co_return -1;
          }
        },
        asio::use_future));
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&io] { io.run(); });
  for (auto& t : threads)
    t.join();
  std::vector<int> out;
  for (auto& f : futures)
    out.push_back(f.get());
  return out;
}

class BatchQueueTest : public ::testing::Test {
 protected:
  // Doubles each item, slowly enough that the others queue behind the first batch; 13 is an
  // error of its own, and 99 fails the whole batch after answering the items before it.
  void work(const std::vector<Queue::Entry*>& batch) {
    {
      std::lock_guard lock(mutex);
      sizes.push_back(batch.size());
    }
    std::this_thread::sleep_for(20ms);
    for (Queue::Entry* entry : batch) {
      if (entry->item == 99) throw std::runtime_error("the batch failed");
      if (entry->item == 13)
        entry->error = std::make_exception_ptr(std::invalid_argument("thirteen"));
      else
        entry->result = entry->item * 2;
    }
  }

  BlockingPool pool{4};
  std::mutex mutex;
  std::vector<std::size_t> sizes;
};

TEST_F(BatchQueueTest, ItemsArrivingDuringABatchRunTogetherInTheNext) {
  Queue queue(
      pool, [this](const auto& batch) { work(batch); }, 1, 100);
  std::vector<int> items;
  for (int i = 0; i < 40; ++i)
    items.push_back(i == 13 ? 14 : i);
  auto results = submit_all(queue, items);
  for (std::size_t i = 0; i < items.size(); ++i)
    EXPECT_EQ(results[i], items[i] * 2);
  std::size_t total = 0;
  for (auto s : sizes)
    total += s;
  EXPECT_EQ(total, items.size());
  EXPECT_LT(sizes.size(), items.size()) << "some items shared a batch";
  EXPECT_GT(*std::max_element(sizes.begin(), sizes.end()), 1u);
}

TEST_F(BatchQueueTest, NoBatchExceedsItsSize) {
  Queue queue(
      pool, [this](const auto& batch) { work(batch); }, 2, 3);
  auto results = submit_all(queue, std::vector<int>(20, 5));
  EXPECT_EQ(results, std::vector<int>(20, 10));
  EXPECT_LE(*std::max_element(sizes.begin(), sizes.end()), 3u);
}

TEST_F(BatchQueueTest, EachItemGetsItsOwnErrorAndAFailedBatchFailsOnlyWhatItLeftUnanswered) {
  // One runner and a batch of one at a time: the order of batches is the order of arrival.
  Queue alone(
      pool, [this](const auto& batch) { work(batch); }, 1, 1);
  EXPECT_EQ(submit_all(alone, {1, 13, 2}), (std::vector<int>{2, -1, 4}));
  EXPECT_EQ(submit_all(alone, {99}), (std::vector<int>{-1}));
  // A batch that answered some items before failing: those keep their answers.
  Queue together(
      pool,
      [](const std::vector<Queue::Entry*>& batch) {
        batch.front()->result = 7;
        throw std::runtime_error("after the first");
      },
      1, 10);
  auto results = submit_all(together, {1});
  EXPECT_EQ(results, std::vector<int>{7});
}

}  // namespace
}  // namespace hindsight::test
