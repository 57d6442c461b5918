// The host-name finders must find exactly what their detectors' patterns find with RE2: the
// same spans, in the same order, from the same resume points.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "anonymizer/host_name_finders.hpp"

namespace hindsight::common::anonymizer {
namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;
using Finder = bool (*)(std::string_view, std::size_t, std::size_t&, std::size_t&);

constexpr const char* kDottedName =
    R"(\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\b)";
constexpr const char* kShortHost =
    R"(\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z]{2,5}[0-9]{1,2})?\b)";

Spans with_re2(const re2::RE2& regex, const std::string& text) {
  Spans spans;
  re2::StringPiece input(text), match;
  std::size_t pos = 0;
  while (pos <= text.size() && regex.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    std::size_t start = static_cast<std::size_t>(match.data() - text.data());
    spans.emplace_back(start, start + match.size());
    pos = start + match.size() > pos ? start + match.size() : pos + 1;
  }
  return spans;
}

std::vector<std::string> texts_of(const Spans& spans, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [start, end] : spans)
    out.push_back(text.substr(start, end - start));
  return out;
}

Spans with_finder(Finder find, const std::string& text) {
  Spans spans;
  std::size_t pos = 0, start = 0, end = 0;
  while (pos <= text.size() && find(text, pos, start, end)) {
    spans.emplace_back(start, end);
    pos = end > pos ? end : pos + 1;
  }
  return spans;
}

// Random texts from pieces that exercise every branch of both patterns.
void expect_same_on_random_text(const char* pattern, Finder find, unsigned seed) {
  const re2::RE2 regex(pattern);
  const std::vector<std::string> pieces = {
      "a",  "z", "Q", "7",  "0",    "-",  "-",   ".",  ".", "_",        " ",
      "\n", "/", "é", "db", "prod", "eu", "fra", "12", "3", "internal", std::string(62, 'k'),
      "x9"};
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 40);
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += pieces[piece(random)];
    ASSERT_EQ(with_finder(find, text), with_re2(regex, text)) << text;
  }
}

TEST(HostNameFinders, DottedNameFindsHostsAndFilesAsTheRegexDoes) {
  const re2::RE2 regex(kDottedName);
  std::string text =
      "pg1.fra1.mrl.internal, config.yaml, v1.2.3, e.g. 10.0.0.1, a.b_c, x.-y, "
      "web-17.eu1.example.com. and api." +
      std::string(70, 'q') + ".io";
  EXPECT_EQ(with_finder(find_dotted_name, text), with_re2(regex, text));
  // Labels longer than 63 bytes and labels that end in `-` break a name.
  EXPECT_THAT(texts_of(with_finder(find_dotted_name, text), text),
              ::testing::ElementsAre("pg1.fra1.mrl.internal", "config.yaml", "e.g",
                                     "web-17.eu1.example.com"));
}

TEST(HostNameFinders, DottedNameMatchesRe2OnRandomText) {
  expect_same_on_random_text(kDottedName, find_dotted_name, 1717);
}

TEST(HostNameFinders, ShortHostFindsMachineNamesAsTheRegexDoes) {
  const re2::RE2 regex(kShortHost);
  std::string text = "db-prod-03 and web-17.eu1, on-call, ab-cd_e, x-y.abcdef1, Db-prod, a-b-c.";
  EXPECT_EQ(with_finder(find_short_host, text), with_re2(regex, text));
  EXPECT_THAT(texts_of(with_finder(find_short_host, text), text),
              ::testing::ElementsAre("db-prod-03", "web-17.eu1", "on-call", "x-y", "a-b-c"));
}

TEST(HostNameFinders, ShortHostMatchesRe2OnRandomText) {
  expect_same_on_random_text(kShortHost, find_short_host, 2929);
}

}  // namespace
}  // namespace hindsight::common::anonymizer
