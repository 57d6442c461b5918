// The fixture of the interop tests: one node peer for each suite, and a random seed for each
// test, fresh every run and printed, so the generated requests and documents of a failure can
// be made again with HINDSIGHT_INTEROP_SEED (keys and nonces stay fresh: OpenSSL and node make
// them).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <random>
#include <string>

#include "tests/interop/node_peer.hpp"

namespace hindsight::test {

class PeerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      peer_ = std::make_unique<NodePeer>();
      std::cout << "interop peer: " << peer_->versions().dump() << std::endl;
    } catch (const std::exception& e) {
      start_error_ = e.what();
    }
  }
  static void TearDownTestSuite() { peer_.reset(); }

  // No peer is a failure, never a skip: these tests are the only check against another
  // implementation.
  void SetUp() override {
    if (!peer_) GTEST_FAIL() << start_error_;
    const char* fixed = std::getenv("HINDSIGHT_INTEROP_SEED");
    seed_ = fixed != nullptr ? std::stoull(fixed) : std::random_device()();
    rng_.seed(seed_);
    RecordProperty("seed", std::to_string(seed_));
    std::cout << "seed " << seed_ << " (HINDSIGHT_INTEROP_SEED=" << seed_ << " repeats it)"
              << std::endl;
  }

  NodePeer& peer() { return *peer_; }
  std::uint64_t seed() const { return seed_; }

  // A uniform integer in [low, high].
  std::size_t pick(std::size_t low, std::size_t high) {
    return std::uniform_int_distribution<std::size_t>(low, high)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  // Any finite double, every bit pattern alike likely.
  double finite_double() {
    double value;
    do {
      std::uint64_t bits = rng_();
      std::memcpy(&value, &bits, sizeof value);
    } while (!std::isfinite(value));
    return value;
  }
  std::string bytes(std::size_t n) {
    std::string out(n, '\0');
    for (char& c : out)
      c = static_cast<char>(pick(0, 255));
    return out;
  }
  template <typename Range>
  const auto& one_of(const Range& range) {
    return *(std::begin(range) + static_cast<std::ptrdiff_t>(pick(0, std::size(range) - 1)));
  }

  std::mt19937_64 rng_;

 private:
  static inline std::unique_ptr<NodePeer> peer_;
  static inline std::string start_error_;
  std::uint64_t seed_ = 0;
};

}  // namespace hindsight::test
