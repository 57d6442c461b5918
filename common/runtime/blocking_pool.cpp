#include "common/runtime/blocking_pool.hpp"

namespace hindsight::common::runtime {

BlockingPool::BlockingPool(std::size_t threads) : size_(threads == 0 ? 1 : threads), pool_(size_) {}

BlockingPool::~BlockingPool() {
  join();
}

void BlockingPool::join() {
  pool_.join();
}

}  // namespace hindsight::common::runtime
