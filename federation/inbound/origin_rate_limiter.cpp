#include "federation/inbound/origin_rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace hindsight::federation {
using Steady = std::chrono::steady_clock;

namespace {

// Past this many origins, buckets that have refilled (the same as no bucket) are dropped.
constexpr std::size_t kPruneAbove = 4096;

}  // namespace

std::optional<std::chrono::seconds> OriginRateLimiter::admit(const std::string& origin,
                                                             Steady::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(origin);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kPruneAbove) prune(now);
    it = buckets_.emplace(origin, Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens =
      std::min(limit_.burst, bucket.tokens + std::max(0.0, elapsed) * limit_.per_second);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::nullopt;
  }
  double wait = (1 - bucket.tokens) / limit_.per_second;
  return std::chrono::seconds(std::max(1LL, static_cast<long long>(std::ceil(wait))));
}

std::size_t OriginRateLimiter::tracked_origins() {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void OriginRateLimiter::prune(Steady::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * limit_.per_second >= limit_.burst;
  });
}

}  // namespace hindsight::federation
