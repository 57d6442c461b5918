// The strict JSON reader for other instances' bodies: duplicate member names at any depth, size
// and depth bounds, and messages that quote nothing unsafe.
#include "federation/documents/strict_json.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace hindsight::federation {
namespace {

using nlohmann::json;
using Reason = StrictJsonError::Reason;

std::optional<Reason> refusal(std::string_view text, std::size_t max_bytes = kMaxStrictJsonBytes) {
  try {
    parse_strict_json(text, max_bytes);
  } catch (const StrictJsonError& e) {
    return e.reason();
  }
  return std::nullopt;
}

TEST(StrictJson, ReadsJson) {
  EXPECT_EQ(parse_strict_json(R"( {"a": [1, {"b": null}], "c": "\u00e9"} )"),
            json({{"a", {1, {{"b", nullptr}}}}, {"c", "\xc3\xa9"}}));
}

TEST(StrictJson, RefusesDuplicateMemberNamesAtAnyDepth) {
  EXPECT_EQ(refusal(R"({"a": 1, "a": 1})"), Reason::kDuplicateMember);
  EXPECT_EQ(refusal(R"({"x": {"y": [{"a": 1, "b": 2, "a": 3}]}})"), Reason::kDuplicateMember);
  // Equal once unescaped.
  EXPECT_EQ(refusal(R"({"a": 1, "\u0061": 2})"), Reason::kDuplicateMember);
  // An inner object's names do not clash with its parent's, nor siblings' with each other.
  EXPECT_EQ(refusal(R"({"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]})"), std::nullopt);
}

TEST(StrictJson, RefusesWhatIsNotOneJsonValue) {
  for (std::string_view text : {"", "{", "{} {}", "{'a': 1}", "[1,]", "NaN", "{\"a\": 1e400}",
                                "/* c */ {}", "\"\xff\"", "\"\\ud800\""})
    EXPECT_EQ(refusal(text), Reason::kMalformed) << text;
}

TEST(StrictJson, BoundsSizeAndDepth) {
  EXPECT_EQ(refusal("[1, 2, 3]", 8), Reason::kTooLarge);
  EXPECT_EQ(refusal("[1, 2, 3]", 9), std::nullopt);
  std::string deepest =
      std::string(kMaxStrictJsonDepth, '[') + std::string(kMaxStrictJsonDepth, ']');
  EXPECT_EQ(refusal(deepest), std::nullopt);
  EXPECT_EQ(refusal("[" + deepest + "]"), Reason::kTooDeep);
  EXPECT_EQ(refusal(std::string(500000, '[')), Reason::kTooDeep);
  std::string objects;
  for (int i = 0; i < 100000; ++i)
    objects += "{\"a\":";
  EXPECT_EQ(refusal(objects), Reason::kTooDeep);
}

// Messages end up in error answers: no raw input bytes, and a long duplicate name is cut short on
// a character boundary.
TEST(StrictJson, MessagesQuoteNoUnsafeBytes) {
  try {
    parse_strict_json("{\"a\": \"\xff\"}");
    FAIL();
  } catch (const StrictJsonError& e) {
    EXPECT_EQ(std::string(e.what()).find('\xff'), std::string::npos) << e.what();
  }
  std::string name(63, 'a');
  name += "\xc3\xa9\xc3\xa9";
  try {
    parse_strict_json("{\"" + name + "\": 1, \"" + name + "\": 2}");
    FAIL();
  } catch (const StrictJsonError& e) {
    EXPECT_EQ(std::string(e.what()),
              "an object has two members named \"" + std::string(63, 'a') + "...\"");
  }
}

}  // namespace
}  // namespace hindsight::federation
