// The long-word finder must find exactly what the high-entropy detector's pattern finds with
// RE2: the same spans, in the same order, from the same resume points.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "anonymizer/long_word_finder.hpp"

namespace hindsight::common::anonymizer {
namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

constexpr const char* kPattern =
    R"((?:^|[^A-Za-z0-9+/_.=-])([A-Za-z0-9][A-Za-z0-9+/_-]{19,}={0,2}))";

Spans with_re2(const std::string& text) {
  static const re2::RE2 regex(kPattern);
  Spans spans;
  re2::StringPiece input(text), groups[2];
  std::size_t pos = 0;
  while (pos <= text.size() && regex.Match(input, pos, text.size(), RE2::UNANCHORED, groups, 2)) {
    std::size_t start = static_cast<std::size_t>(groups[1].data() - text.data());
    std::size_t end = start + groups[1].size();
    spans.emplace_back(start, end);
    std::size_t match_end =
        static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size();
    pos = match_end > pos ? match_end : pos + 1;
  }
  return spans;
}

Spans with_finder(const std::string& text) {
  Spans spans;
  std::size_t pos = 0, start = 0, end = 0;
  while (pos <= text.size() && find_long_word(text, pos, start, end)) {
    spans.emplace_back(start, end);
    pos = end > pos ? end : pos + 1;
  }
  return spans;
}

TEST(LongWordFinder, FindsTokensOfTwentyOrMoreWithPadding) {
  std::string text =
      "key AbCdEfGhIjKlMnOpQrSt== and x.AbCdEfGhIjKlMnOpQrStUv, Ab1/Cd2+Ef3_Gh4-Ij5k";
  EXPECT_EQ(with_finder(text), with_re2(text));
  EXPECT_THAT(with_finder(text), ::testing::SizeIs(2));
}

TEST(LongWordFinder, MatchesRe2OnRandomText) {
  const std::vector<std::string> pieces = {
      "a", "Z",  "7", "+",  "/", "_", "-",  ".",
      "=", "==", " ", "\n", ",", "é", "日", "aB3dE6gH9jK2mN5pQ8sT"};
  std::mt19937 random(4242);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 60);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += pieces[piece(random)];
    ASSERT_EQ(with_finder(text), with_re2(text)) << text;
  }
}

}  // namespace
}  // namespace hindsight::common::anonymizer
