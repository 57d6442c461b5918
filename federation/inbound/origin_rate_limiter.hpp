// The per-origin request rate of FEDERATION.md ("the origin over its rate: 429 with
// Retry-After"): a token bucket per origin in this process, refilled at `per_second` up to
// `burst`. Checked before the signature, so it also bounds what a stranger naming an origin
// can make this instance do.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace hindsight::federation {

struct PeerRateLimit {
  double per_second = 5000;  // sustained requests per second from one origin
  double burst = 10000;      // requests one origin may send at once after a quiet spell
};

class OriginRateLimiter {
 public:
  explicit OriginRateLimiter(PeerRateLimit limit) : limit_(limit) {}

  // nullopt when the request may go on (and is counted); otherwise how long until it could.
  std::optional<std::chrono::seconds> admit(
      const std::string& origin,
      std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  std::size_t tracked_origins();  // buckets held now

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  void prune(std::chrono::steady_clock::time_point now);  // mutex_ held

  PeerRateLimit limit_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace hindsight::federation
