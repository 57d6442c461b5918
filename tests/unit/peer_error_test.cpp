// Quoting a peer's refusal to an admin: its JSON error message, bounded, cut between UTF-8
// sequences (the quote ends up in JSON answers, which must stay valid UTF-8).
#include "federation/http/peer_error.hpp"

#include <gtest/gtest.h>

#include "common/util/utf8_sequence.hpp"

namespace hindsight::federation {
namespace {

HttpsResponse answer(int status, std::string body) {
  return {status, {}, std::move(body)};
}

TEST(Utf8Prefix, CutsBetweenSequencesNeverInsideOne) {
  EXPECT_EQ(common::utf8_prefix("short", 10), "short");
  EXPECT_EQ(common::utf8_prefix("abcdef", 3), "abc");
  // "é" is two bytes, "€" three: a cut inside either falls back to before it.
  EXPECT_EQ(common::utf8_prefix("a\xC3\xA9", 2), "a");
  EXPECT_EQ(common::utf8_prefix("a\xC3\xA9z", 3), "a\xC3\xA9");
  EXPECT_EQ(common::utf8_prefix("\xE2\x82\xAC\xE2\x82\xAC", 5), "\xE2\x82\xAC");
  EXPECT_EQ(common::utf8_prefix("\xE2\x82\xAC", 0), "");
}

TEST(PeerErrorMessage, QuotesTheProtocolsErrorMessageOnly) {
  EXPECT_EQ(peer_error_message(answer(403, R"({"error":{"code":"blocked","message":"no"}})"), 100),
            "no");
  EXPECT_EQ(peer_error_message(answer(500, "<html>oops</html>"), 100), "");
  EXPECT_EQ(peer_error_message(answer(500, R"({"error":"flat string"})"), 100), "");
  EXPECT_EQ(peer_error_message(answer(500, R"({"error":{"message":42}})"), 100), "");
  EXPECT_EQ(peer_error_message(answer(429, R"({"error":{"message":"\u00e9\u00e9\u00e9"}})"), 5),
            "\xC3\xA9\xC3\xA9");
}

}  // namespace
}  // namespace hindsight::federation
