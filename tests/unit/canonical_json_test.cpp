// RFC 8785 (JCS): the RFC's examples of sorting, string escapes and numbers, and the values it
// refuses.
#include "federation/documents/canonical_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace hindsight::federation {
namespace {

using nlohmann::json;

// RFC 8785 section 3.2.4.
TEST(CanonicalJson, MatchesTheRfcExample) {
  auto input = json::parse(R"({
    "numbers": [333333333.33333329, 1E30, 4.50,
                2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })");
  EXPECT_EQ(canonical_json(input),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

// Section 3.2.3: by UTF-16 code units, so U+1F600 (a surrogate pair, 0xD83D...) sorts before
// U+FB33, though its UTF-8 bytes sort after.
TEST(CanonicalJson, SortsMembersByUtf16CodeUnitsAsTheRfcShows) {
  auto input = json::parse(R"({
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })");
  EXPECT_EQ(canonical_json(input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
            "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
            "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(CanonicalJson, SortsNestedObjectsAndKeepsArrayOrder) {
  auto input = json::parse(R"({"b": [3, {"z": 1, "a": 2}, 1], "a": {"y": null, "x": []}})");
  EXPECT_EQ(canonical_json(input), R"({"a":{"x":[],"y":null},"b":[3,{"a":2,"z":1},1]})");
}

// Section 3.2.2.2: the two-character escapes, \u00xx for other controls, everything else as is.
TEST(CanonicalJson, EscapesStringsAsTheRfcSays) {
  json value = std::string("\b\t\n\f\r\x01\x1f \"\\/\x7f\xe2\x80\xa8", 15);
  EXPECT_EQ(canonical_json(value), "\"\\b\\t\\n\\f\\r\\u0001\\u001f \\\"\\\\/\x7f\xe2\x80\xa8\"");
}

TEST(CanonicalJson, WritesLiteralsAndEmptyContainers) {
  EXPECT_EQ(canonical_json(json::parse(R"([null, true, false, {}, [], ""])")),
            R"([null,true,false,{},[],""])");
}

// Integers are IEEE doubles in JCS, as in JavaScript.
TEST(CanonicalJson, WritesIntegersBeyondTwoToThe53AsDoubles) {
  EXPECT_EQ(canonical_json(json(9007199254740992LL)), "9007199254740992");
  EXPECT_EQ(canonical_json(json(9007199254740993LL)), "9007199254740992");
  EXPECT_EQ(canonical_json(json::parse("18446744073709551615")), "18446744073709552000");
  EXPECT_EQ(canonical_json(json(std::numeric_limits<std::int64_t>::min())), "-9223372036854776000");
  EXPECT_EQ(canonical_json(json::parse("1e21")), "1e+21");
  EXPECT_EQ(canonical_json(json(-0.0)), "0");
  EXPECT_EQ(canonical_json(json(3)), "3");
}

TEST(CanonicalJson, RefusesNaNAndInfinity) {
  EXPECT_THROW(canonical_json(json(std::nan(""))), CanonicalJsonError);
  EXPECT_THROW(canonical_json(json::array({1, std::numeric_limits<double>::infinity()})),
               CanonicalJsonError);
  EXPECT_THROW(canonical_json(json{{"a", -std::numeric_limits<double>::infinity()}}),
               CanonicalJsonError);
}

TEST(CanonicalJson, RefusesTextThatIsNotUtf8) {
  EXPECT_THROW(canonical_json(json(std::string("caf\xe9"))), CanonicalJsonError);
  EXPECT_THROW(canonical_json(json{{std::string("\xed\xa0\x80"), 1}}), CanonicalJsonError);
  EXPECT_THROW(canonical_json(json(std::string("\xc0\xaf"))), CanonicalJsonError);
}

TEST(CanonicalJson, RefusesBinaryValuesAndDeepNesting) {
  EXPECT_THROW(canonical_json(json::binary({1, 2})), CanonicalJsonError);
  std::string deep = std::string(300, '[') + std::string(300, ']');
  EXPECT_THROW(canonical_json(json::parse(deep)), CanonicalJsonError);
  std::string fine = std::string(200, '[') + std::string(200, ']');
  EXPECT_EQ(canonical_json(json::parse(fine)), fine);
}

TEST(CanonicalJson, IsTheSameWhateverOrderAndSpacingTheDocumentCameIn) {
  auto a = json::parse(R"({"lesson": {"version": 3, "id": "x", "tags": ["db", "sev2"]}})");
  auto b =
      json::parse("{ \"lesson\" :{\"tags\":[ \"db\",\"sev2\" ],\n\"id\":\"x\",\"version\":3.0}}");
  EXPECT_EQ(canonical_json(a), canonical_json(b));
  EXPECT_EQ(canonical_json(a), R"({"lesson":{"id":"x","tags":["db","sev2"],"version":3}})");
}

}  // namespace
}  // namespace hindsight::federation
