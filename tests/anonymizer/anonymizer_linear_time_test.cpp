// Pathological inputs finish in linear time: every engine is linear (Hyperscan, RE2, token
// lookups), so doubling the input roughly doubles the time, and 100 KB takes well under a second
// even under sanitizers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "tests/anonymizer/anonymizer_test_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

// One timed detection of `text`.
double seconds_to_detect(const std::string& text) {
  auto start = std::chrono::steady_clock::now();
  auto findings = test_support::shared_anonymizer().detect(text, {});
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LE(findings.size(), text.size());
  return elapsed.count();
}

std::string repeat(const std::string& unit, std::size_t bytes) {
  std::string out;
  while (out.size() < bytes)
    out += unit;
  return out;
}

// `unit` repeated to 50 KB and to 100 KB, each followed by `tail`.
void expect_linear(const std::string& unit, const std::string& tail = "") {
  // The best of five runs of each, taken in turn: another process on the machine only ever
  // adds time, and alternating exposes both sizes to the same disturbances.
  std::string small_text = repeat(unit, 50'000) + tail, large_text = repeat(unit, 100'000) + tail;
  double small = 1e9, large = 1e9;
  for (int run = 0; run < 5; ++run) {
    small = std::min(small, seconds_to_detect(small_text));
    large = std::min(large, seconds_to_detect(large_text));
  }
  EXPECT_LT(large, 5.0) << "unit '" << unit.substr(0, 20) << "'";
  // Quadratic behaviour would take 4x; allow noise on a shared machine.
  EXPECT_LT(large, 3.0 * small + 0.05) << "unit '" << unit.substr(0, 20) << "'";
}

TEST(LinearTime, OneCharacterRepeated) {
  for (const char* unit : {"a", "A", "1", ".", "-", ":", "@", " ", "=", "/", "\xC3\xA9"})
    expect_linear(unit);
}

TEST(LinearTime, DeeplyNestedPunctuation) {
  expect_linear("((((([[[[{{{{<<<<");
  expect_linear("a.b-c:d@e/f?g=h&");
  expect_linear("1.1.1.1.1.");
  expect_linear("ab:cd:");
  expect_linear("-----BEGIN RSA PRIVATE KEY-----");
  expect_linear("token=");
  expect_linear("Aa Bb ");
}

TEST(LinearTime, LongNamesBeforeCueWords) {
  // Every capital of a long run may open an organization's name before "team" or "opened".
  expect_linear("\xC3\x89", "_ team");  // one long run of É that cannot end a name
  expect_linear("A", "_ opened tickets");
  expect_linear("ABCDEFGHIJKLMNOPQRSTUVWXYZ_ team ");
  expect_linear("Acme Corp_ opened tickets, ");
}

TEST(LinearTime, LongChainsOfHostLabels) {
  // Chains the host-name finders walk to their end before they fail or match.
  expect_linear("1.");
  expect_linear("a-");
  expect_linear("a.");
  expect_linear("a1-b2.");
  expect_linear("x.-y.");
  expect_linear(std::string(70, 'k') + ".");
  expect_linear("ab-cd_");
  expect_linear("a.b@c.d");
  expect_linear("1.22.333.");
  expect_linear("OPS-1_");
  expect_linear("12345678901");
}

TEST(LinearTime, OpeningsThatLeadNowhere) {
  // RE2 is asked anchored at each occurrence of a row's opening bytes; each of these fails
  // only where the line's long run ends, and the line holds a match, so it is searched.
  expect_linear("eyJ-", " eyJabcdefghijk.abcd");
  expect_linear("sk-", " sk-abcdefghijklmnopqrstuvwx");
  // An opening a fixed width into the match: each candidate start reads back that far.
  expect_linear("abcdefghijklmn.atlasv1.", " abcdefghijklmn.atlasv1." + std::string(60, 'x'));
}

TEST(LinearTime, CommandLinesAndUrls) {
  // The hand-written finders for shell history, chat lines and URLs.
  expect_linear("mysql ", " -ppw");
  expect_linear("redis-cli ", " -a pw");
  expect_linear("htpasswd -b f u ");
  expect_linear(" -u ", "a:b");
  expect_linear(" --token");
  expect_linear("value ", "=");
  expect_linear("x://u:", "p@h");
  expect_linear("[1]\n", "<nick>");
  expect_linear("<a", ">");
}

TEST(LinearTime, HandlesHeadersAndLoginFields) {
  // The finders for @handles, Authorization headers and login fields, each at places that
  // open a match and lead nowhere, or to a run that goes on.
  expect_linear(" @a.", " @abc");
  expect_linear("(@", "abc");
  expect_linear("authorization: key ", "abcdefgh");
  expect_linear("authorization:\n", " bearer abcdefgh");
  expect_linear("user: ", "bob");
  expect_linear("\"username\" = '", "x");
  expect_linear("usera", ": bob");
}

TEST(LinearTime, PhrasesInsideLongKeys) {
  // One run of key characters, with a phrase glued after each `-` or `/`; a folded letter
  // makes the run count its characters one by one.
  expect_linear("-try", " it is aB3dE6gH9jK2mN5pQ8sT");
  expect_linear("/use\xC5\xBF", " aB3dE6gH9jK2mN5pQ8sT");
  expect_linear("use this ");
}

}  // namespace
}  // namespace hindsight::common::anonymizer
