// A fixed set of threads that run submitted tasks first in, first started; each submission
// returns its task's future. `hindsight anonymize` hands it one block of input at a time:
// starting a thread per block cost more than the work of a small block.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hindsight::server {

class WorkerThreads {
 public:
  using Task = std::packaged_task<std::string()>;

  explicit WorkerThreads(std::size_t count);
  // Runs every task already submitted, then joins the threads.
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  std::future<std::string> submit(Task task);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Task> queue_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace hindsight::server
