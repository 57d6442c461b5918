// FEDERATION.md's rules on a request signature's parameters: required parameters, the nonce,
// the time window with a given clock, and the covered components.
#include "federation/signatures/signature_checks.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "common/crypto/encoding.hpp"
#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {
namespace {

using Reason = SignatureError::Reason;

template <typename Check>
std::optional<Reason> refusal(Check check) {
  try {
    check();
  } catch (const SignatureError& e) {
    return e.reason();
  }
  return std::nullopt;
}

constexpr std::int64_t kNow = 1'767'225'600;
const auto kClock = std::chrono::system_clock::time_point(std::chrono::seconds(kNow));

SignatureParameters valid() {
  SignatureParameters p;
  p.components = {"@method", "@target-uri", "content-digest", "content-type"};
  p.created = kNow;
  p.expires = kNow + 300;
  p.nonce = common::crypto::base64url_encode(std::string(16, 'n'));
  p.keyid = "https://a.example/.well-known/hindsight#k1";
  p.alg = "ed25519";
  p.tag = "hindsight-federation/1";
  return p;
}

std::optional<Reason> window(std::int64_t created, std::int64_t expires) {
  auto p = valid();
  p.created = created;
  p.expires = expires;
  return refusal([&] { check_time_window(p, kClock); });
}

TEST(RequiredParameters, AllPresentPass) {
  EXPECT_EQ(refusal([] { check_required_parameters(valid()); }), std::nullopt);
}

TEST(RequiredParameters, EachMissingOneIsNamed) {
  using Field = std::optional<std::string> SignatureParameters::*;
  for (Field field : {&SignatureParameters::keyid, &SignatureParameters::nonce,
                      &SignatureParameters::alg, &SignatureParameters::tag}) {
    auto p = valid();
    p.*field = std::nullopt;
    EXPECT_EQ(refusal([&] { check_required_parameters(p); }), Reason::kMissingParameter);
  }
  auto p = valid();
  p.created = std::nullopt;
  EXPECT_EQ(refusal([&] { check_required_parameters(p); }), Reason::kMissingParameter);
  p = valid();
  p.expires = std::nullopt;
  EXPECT_EQ(refusal([&] { check_required_parameters(p); }), Reason::kMissingParameter);
}

TEST(RequiredParameters, AlgorithmAndTagMustBeTheProtocols) {
  auto p = valid();
  p.alg = "hmac-sha256";
  EXPECT_EQ(refusal([&] { check_required_parameters(p); }), Reason::kWrongAlgorithm);
  p = valid();
  p.tag = "hindsight-federation/2";
  EXPECT_EQ(refusal([&] { check_required_parameters(p); }), Reason::kWrongTag);
}

TEST(Nonce, IsAtLeastSixteenBytesOfBase64url) {
  auto with_nonce = [](std::optional<std::string> nonce) {
    auto p = valid();
    p.nonce = std::move(nonce);
    return refusal([&] { check_nonce(p); });
  };
  EXPECT_EQ(with_nonce(common::crypto::base64url_encode(std::string(16, '\xff'))), std::nullopt);
  EXPECT_EQ(with_nonce(common::crypto::base64url_encode(std::string(32, 'x'))), std::nullopt);
  EXPECT_EQ(with_nonce(common::crypto::base64url_encode(std::string(15, 'x'))), Reason::kBadNonce);
  EXPECT_EQ(with_nonce(common::crypto::base64_encode(std::string(16, '\xff'))), Reason::kBadNonce);
  EXPECT_EQ(with_nonce("not base64url at all!!!"), Reason::kBadNonce);
  EXPECT_EQ(with_nonce(std::nullopt), Reason::kBadNonce);
}

TEST(TimeWindow, CreatedMayBeUpTo300SecondsEitherSideOfTheClock) {
  EXPECT_EQ(window(kNow, kNow + 300), std::nullopt);
  EXPECT_EQ(window(kNow - 300, kNow), std::nullopt);
  EXPECT_EQ(window(kNow + 300, kNow + 600), std::nullopt);
  EXPECT_EQ(window(kNow - 301, kNow), Reason::kCreatedOutOfWindow);
  EXPECT_EQ(window(kNow + 301, kNow + 400), Reason::kCreatedOutOfWindow);
}

TEST(TimeWindow, ExpiresMinusCreatedIsAtMost300Seconds) {
  EXPECT_EQ(window(kNow, kNow + 301), Reason::kLifetimeTooLong);
  EXPECT_EQ(window(kNow - 10, kNow + 290), std::nullopt);
  EXPECT_EQ(window(kNow, kNow + 100'000), Reason::kLifetimeTooLong);
}

TEST(TimeWindow, AnExpiredSignatureOrOneExpiringBeforeItsCreationFails) {
  EXPECT_EQ(window(kNow - 100, kNow - 1), Reason::kExpired);
  EXPECT_EQ(window(kNow, kNow - 1), Reason::kExpired);
  EXPECT_EQ(window(kNow, kNow), std::nullopt);
}

TEST(TimeWindow, NeedsBothTimes) {
  auto p = valid();
  p.expires = std::nullopt;
  EXPECT_EQ(refusal([&] { check_time_window(p, kClock); }), Reason::kMissingParameter);
  p = valid();
  p.created = std::nullopt;
  EXPECT_EQ(refusal([&] { check_time_window(p, kClock); }), Reason::kMissingParameter);
}

TEST(CoveredComponents, ABodyNeedsItsDigestAndContentTypeCovered) {
  auto p = valid();
  EXPECT_EQ(refusal([&] { check_covered_components(p, true); }), std::nullopt);
  for (std::string_view dropped : {"@method", "@target-uri", "content-digest", "content-type"}) {
    p = valid();
    std::erase(p.components, std::string(dropped));
    EXPECT_EQ(refusal([&] { check_covered_components(p, true); }), Reason::kMissingComponent)
        << dropped;
  }
}

TEST(CoveredComponents, WithoutABodyMethodAndTargetSuffice) {
  auto p = valid();
  p.components = {"@target-uri", "@method"};
  EXPECT_EQ(refusal([&] { check_covered_components(p, false); }), std::nullopt);
  p.components = {"@method", "@path", "@authority"};
  EXPECT_EQ(refusal([&] { check_covered_components(p, false); }), Reason::kMissingComponent);
}

TEST(CoveredComponents, ExtraComponentsAreAllowed) {
  auto p = valid();
  p.components.push_back("date");
  EXPECT_EQ(refusal([&] { check_covered_components(p, true); }), std::nullopt);
}

}  // namespace
}  // namespace hindsight::federation
