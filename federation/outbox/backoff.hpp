// When a failed delivery is tried again (FEDERATION.md, "Push delivery"): the base delay doubling
// with each attempt up to a cap, plus up to half of it again at random, so that deliveries that
// failed together (a peer that was down) do not all come back at the same instant.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>

namespace hindsight::federation {

struct BackoffPolicy {
  std::chrono::milliseconds base{30'000};
  std::chrono::milliseconds cap{6 * 3600 * 1000};
};

// `attempts`: how many attempts failed so far (1 after the first). `random01` in [0, 1).
inline std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempts,
                                               double random01) {
  double doubled =
      static_cast<double>(policy.base.count()) * std::ldexp(1.0, std::clamp(attempts, 1, 40) - 1);
  double delay = std::min(doubled, static_cast<double>(policy.cap.count()));
  delay = std::min(delay * (1.0 + random01 / 2), static_cast<double>(policy.cap.count()));
  return std::chrono::milliseconds(static_cast<long long>(delay));
}

}  // namespace hindsight::federation
