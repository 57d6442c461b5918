// The per-origin token bucket behind federation's 429: a burst, then the sustained rate, each
// origin on its own, and a Retry-After that says when the next request would pass.
#include "federation/inbound/origin_rate_limiter.hpp"

#include <gtest/gtest.h>

namespace hindsight::federation {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

TEST(OriginRateLimiter, ABurstPassesThenTheRateHolds) {
  OriginRateLimiter limiter({.per_second = 2, .burst = 3});
  auto t = Steady::now();
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(limiter.admit("https://a.example", t)) << "request " << i << " of the burst";
  auto wait = limiter.admit("https://a.example", t);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 1s);
  // Half a second refills one request at two per second.
  EXPECT_FALSE(limiter.admit("https://a.example", t + 500ms));
  EXPECT_TRUE(limiter.admit("https://a.example", t + 500ms));
}

TEST(OriginRateLimiter, EachOriginHasItsOwnBucket) {
  OriginRateLimiter limiter({.per_second = 1, .burst = 1});
  auto t = Steady::now();
  EXPECT_FALSE(limiter.admit("https://a.example", t));
  EXPECT_TRUE(limiter.admit("https://a.example", t));
  EXPECT_FALSE(limiter.admit("https://b.example", t));
}

TEST(OriginRateLimiter, RetryAfterCoversTheWholeWaitAtSlowRates) {
  OriginRateLimiter limiter({.per_second = 0.1, .burst = 1});
  auto t = Steady::now();
  EXPECT_FALSE(limiter.admit("https://a.example", t));
  auto wait = limiter.admit("https://a.example", t);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 10s);
  EXPECT_FALSE(limiter.admit("https://a.example", t + 10s));
}

TEST(OriginRateLimiter, ManyOriginsDoNotGrowItWithoutBound) {
  OriginRateLimiter limiter({.per_second = 1000, .burst = 1});
  auto t = Steady::now();
  for (int i = 0; i < 20'000; ++i)
    limiter.admit("https://host" + std::to_string(i) + ".example",
                  t + std::chrono::milliseconds(i));
  // Each bucket refills within a millisecond, so full ones are dropped as new origins come.
  EXPECT_LE(limiter.tracked_origins(), 4097u);
  EXPECT_FALSE(limiter.admit("https://new.example", t + 30s)) << "a new origin gets its burst";
}

}  // namespace
}  // namespace hindsight::federation
