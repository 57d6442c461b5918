// Work that arrives while earlier work is being done is done together: `co_await
// queue.submit(item)` resumes with that item's own result once a batch holding it has run. A
// batch runs on the blocking pool as soon as a runner is free, with everything queued by then
// (up to `max_batch`), and at most `runners` batches run at once. An item submitted to an idle
// queue waits for nothing; under load each batch grows to what arrived during the one before,
// so per-batch costs (a transaction's commit, a statement's round trip) are paid once for many.
#pragma once

#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "common/runtime/blocking_pool.hpp"

namespace hindsight::common::runtime {

template <typename Item, typename Result>
class BatchQueue {
 public:
  struct Entry {
    Item item;
    std::optional<Result> result;  // set by the batch's work, or
    std::exception_ptr error;      // this, or left empty for the batch's own failure
    std::function<void()> resume;  // the submitter's continuation
  };
  // Sets each entry's result or error. An exception it throws is given to every entry it left
  // without either.
  using Work = std::function<void(const std::vector<Entry*>&)>;

  BatchQueue(BlockingPool& pool, Work work, std::size_t runners, std::size_t max_batch)
      : pool_(pool),
        work_(std::move(work)),
        runners_(runners == 0 ? 1 : runners),
        max_batch_(max_batch == 0 ? 1 : max_batch) {}
  BatchQueue(const BatchQueue&) = delete;
  BatchQueue& operator=(const BatchQueue&) = delete;
  // A runner that resumed the last submitter still goes back for more work: wait until every
  // runner has left, so none locks a mutex that is gone. The pool runs what was posted to it,
  // even while joining, so this ends.
  ~BatchQueue() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return running_ == 0; });
  }

  boost::asio::awaitable<Result> submit(Item item) {
    Entry entry{std::move(item), std::nullopt, nullptr, {}};
    // The entry lives in this frame, which outlives the wait.
    auto initiate = [&](auto handler) {
      auto resume_on = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
      auto shared = std::make_shared<std::pair<decltype(handler), decltype(resume_on)>>(
          std::move(handler), std::move(resume_on));
      entry.resume = [shared] {
        auto executor = shared->second.get_executor();
        boost::asio::post(executor, std::move(shared->first));
        shared->second.reset();
      };
      enqueue(&entry);
    };
    co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void()>(
        initiate, boost::asio::use_awaitable);
    if (entry.error) std::rethrow_exception(entry.error);
    co_return std::move(*entry.result);
  }

 private:
  void enqueue(Entry* entry) {
    std::lock_guard lock(mutex_);
    queue_.push_back(entry);
    if (running_ < runners_) {
      ++running_;
      pool_.post([this] { run(); });
    }
  }

  void run() {
    for (;;) {
      std::vector<Entry*> batch;
      {
        std::lock_guard lock(mutex_);
        if (queue_.empty()) {
          if (--running_ == 0) idle_.notify_all();
          return;  // nothing of this queue is touched after the lock is released
        }
        while (!queue_.empty() && batch.size() < max_batch_) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      std::exception_ptr failure;
      try {
        work_(batch);
      } catch (...) {
        failure = std::current_exception();
      }
      for (Entry* entry : batch) {
        if (!entry->result && !entry->error)
          entry->error = failure
                             ? failure
                             : std::make_exception_ptr(std::logic_error("no result for an item"));
        // Resuming may end the submitter's frame, and the entry in it: nothing touches the
        // entry after this.
        auto resume = std::move(entry->resume);
        resume();
      }
    }
  }

  BlockingPool& pool_;
  Work work_;
  const std::size_t runners_;
  const std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable idle_;  // running_ fell to 0
  std::deque<Entry*> queue_;
  std::size_t running_ = 0;
};

}  // namespace hindsight::common::runtime
