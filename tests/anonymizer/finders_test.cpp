// The hand-written finders must find exactly what their detectors' patterns find with RE2: the
// same spans, in the same order, from the same resume points.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "anonymizer/account_finders.hpp"
#include "anonymizer/address_finders.hpp"
#include "anonymizer/host_name_finders.hpp"
#include "anonymizer/long_word_finder.hpp"

namespace hindsight::common::anonymizer {
namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;
using Finder = bool (*)(std::string_view, std::size_t, std::size_t&, std::size_t&);

constexpr const char* kDottedName =
    R"(\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\b)";
constexpr const char* kShortHost =
    R"(\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z]{2,5}[0-9]{1,2})?\b)";
constexpr const char* kEmail =
    R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)";
constexpr const char* kIpv4 = R"(\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b)";
constexpr const char* kTicketId = R"(\b[A-Z][A-Z]{1,9}-\d{2,8}\b)";
constexpr const char* kTwelveDigits = R"(\b\d{12}\b)";

constexpr const char* kLongWord =
    R"((?:^|[^A-Za-z0-9+/_.=-])([A-Za-z0-9][A-Za-z0-9+/_-]{19,}={0,2}))";

// The spans of the pattern's last group (the whole match when it has none), resuming where each
// whole match ends, as the pattern engine scans.
Spans with_re2(const re2::RE2& regex, const std::string& text) {
  Spans spans;
  int group = regex.NumberOfCapturingGroups();
  re2::StringPiece input(text), groups[2];
  std::size_t pos = 0;
  while (pos <= text.size() &&
         regex.Match(input, pos, text.size(), RE2::UNANCHORED, groups, group + 1)) {
    std::size_t start = static_cast<std::size_t>(groups[group].data() - text.data());
    spans.emplace_back(start, start + groups[group].size());
    std::size_t match_end =
        static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size();
    pos = match_end > pos ? match_end : pos + 1;
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

// Pieces that exercise every branch of the host-name patterns.
const std::vector<std::string> kHostPieces = {
    "a",  "z", "Q", "7",  "0",    "-",  "-",   ".",  ".", "_",        " ",
    "\n", "/", "é", "db", "prod", "eu", "fra", "12", "3", "internal", std::string(62, 'k'),
    "x9"};

// Random texts of `pieces`, compared with RE2 from every resume point a scan would use.
void expect_same_on_random_text(const char* pattern, Finder find, unsigned seed,
                                const std::vector<std::string>& pieces = kHostPieces) {
  const re2::RE2 regex(pattern);
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

TEST(AddressFinders, EmailFindsAddressesAsTheRegexDoes) {
  const re2::RE2 regex(kEmail);
  std::string text =
      "mail priya.raman@corp-mail.example, x@y, a@b.c, -.ops+oncall@eu.mrl.io- and "
      "jo@host.com1 or first@@second@mail.example.org.";
  EXPECT_EQ(with_finder(find_email, text), with_re2(regex, text));
  EXPECT_THAT(texts_of(with_finder(find_email, text), text),
              ::testing::ElementsAre("priya.raman@corp-mail.example", "ops+oncall@eu.mrl.io",
                                     "second@mail.example.org"));
}

TEST(AddressFinders, EmailMatchesRe2OnRandomText) {
  expect_same_on_random_text(kEmail, find_email, 3131,
                             {"a", "Z", "7", "-", ".", ".", "_", "%", "+", "@", "@", " ", "\n", "é",
                              "com", "io", "x1", "mail"});
}

TEST(AddressFinders, Ipv4FindsAddressesAsTheRegexDoes) {
  const re2::RE2 regex(kIpv4);
  std::string text =
      "10.1.2.3:5432, 192.168.0.0/16, 10.0.0.0/240, 1.2.3, 1234.1.1.1, v1.2.3.4a, "
      "1.2.3.4.5 and 255.255.255.255/8x";
  EXPECT_EQ(with_finder(find_ipv4, text), with_re2(regex, text));
  EXPECT_THAT(texts_of(with_finder(find_ipv4, text), text),
              ::testing::ElementsAre("10.1.2.3", "192.168.0.0/16", "10.0.0.0", "1.2.3.4",
                                     "255.255.255.255"));
}

TEST(AddressFinders, Ipv4MatchesRe2OnRandomText) {
  expect_same_on_random_text(kIpv4, find_ipv4, 4141,
                             {"1", "25", "255", "1000", ".", "1.", "10.", "1.2.", "/", "/24", "/8",
                              "a", "_", " ", ":", "\n", "-"});
}

TEST(AccountFinders, TicketIdFindsTicketsAsTheRegexDoes) {
  const re2::RE2 regex(kTicketId);
  std::string text =
      "OPS-1234, SUP-55, X-123, ABCDEFGHIJK-12, INC-123456789, aOPS-12, OPS-12a, (PAY-9001).";
  EXPECT_EQ(with_finder(find_ticket_id, text), with_re2(regex, text));
  EXPECT_THAT(texts_of(with_finder(find_ticket_id, text), text),
              ::testing::ElementsAre("OPS-1234", "SUP-55", "PAY-9001"));
}

TEST(AccountFinders, TicketIdMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      kTicketId, find_ticket_id, 5151,
      {"A", "OPS", "Q", "a", "-", "-", "1", "12", "123456789", "_", " ", ".", "\n", "é"});
}

TEST(AccountFinders, TwelveDigitsFindsAccountNumbersAsTheRegexDoes) {
  const re2::RE2 regex(kTwelveDigits);
  std::string text =
      "account 123456789012, 1234567890123, a123456789012, 123456789012_x, "
      "arn:aws:iam::210987654321:role";
  EXPECT_EQ(with_finder(find_twelve_digits, text), with_re2(regex, text));
  EXPECT_THAT(texts_of(with_finder(find_twelve_digits, text), text),
              ::testing::ElementsAre("123456789012", "210987654321"));
}

TEST(AccountFinders, TwelveDigitsMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      kTwelveDigits, find_twelve_digits, 6161,
      {"1", "1234", "12345678", "123456789012", "a", "_", " ", ":", "-", "\n", "é"});
}

TEST(LongWordFinder, FindsTokensOfTwentyOrMoreWithPadding) {
  const re2::RE2 regex(kLongWord);
  std::string text =
      "key AbCdEfGhIjKlMnOpQrSt== and x.AbCdEfGhIjKlMnOpQrStUv, Ab1/Cd2+Ef3_Gh4-Ij5k";
  EXPECT_EQ(with_finder(find_long_word, text), with_re2(regex, text));
  EXPECT_THAT(texts_of(with_finder(find_long_word, text), text),
              ::testing::ElementsAre("AbCdEfGhIjKlMnOpQrSt==", "Ab1/Cd2+Ef3_Gh4-Ij5k"));
}

TEST(LongWordFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(kLongWord, find_long_word, 4242,
                             {"a", "Z", "7", "+", "/", "_", "-", ".", "=", "==", " ", "\n", ",",
                              "\xC3\xA9", "\xE6\x97\xA5", "aB3dE6gH9jK2mN5pQ8sT"});
}

}  // namespace
}  // namespace hindsight::common::anonymizer
