#include "server/cli/worker_threads.hpp"

namespace hindsight::server {

WorkerThreads::WorkerThreads(std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    threads_.emplace_back([this] { run(); });
}

WorkerThreads::~WorkerThreads() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  for (auto& thread : threads_)
    thread.join();
}

std::future<std::string> WorkerThreads::submit(Task task) {
  auto result = task.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  changed_.notify_one();
  return result;
}

void WorkerThreads::run() {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();  // an exception is stored in the task's future
  }
}

}  // namespace hindsight::server
