// How often a subscriber pulls, and how much at once (docs/architecture.md, `pull_*`).
#pragma once

#include <chrono>

namespace hindsight::federation {

struct PullSettings {
  std::chrono::milliseconds interval{600'000};
  int page_limit = 100;
};

}  // namespace hindsight::federation
