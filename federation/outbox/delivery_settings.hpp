// The timers and sizes of push delivery, settings so that fault tests run in seconds
// (docs/architecture.md, `delivery_*`).
#pragma once

#include <chrono>

#include "federation/outbox/backoff.hpp"

namespace hindsight::federation {

struct DeliverySettings {
  BackoffPolicy backoff;
  std::chrono::milliseconds give_up_after{7LL * 24 * 3600 * 1000};
  std::chrono::milliseconds lease{120'000};        // longer than a batch of sends can take
  std::chrono::milliseconds poll_interval{5'000};  // looks for due rows at least this often
  unsigned workers = 4;
  // Events a worker claims at once and sends concurrently. A peer then sees up to
  // workers x batch requests at once, which it stores in groups (docs/federation.md, "Inbox").
  unsigned batch = 32;
};

}  // namespace hindsight::federation
