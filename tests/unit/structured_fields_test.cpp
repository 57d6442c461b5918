// RFC 8941 Structured Field Values: the RFC's own examples, each parse failure of section 4.2,
// the bounds, and serialization (section 4.1) back to the same text.
#include "federation/signatures/structured_fields.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace hindsight::federation::sf {
namespace {

using Reason = StructuredFieldError::Reason;

template <typename Parse>
std::optional<Reason> failure(Parse parse) {
  try {
    parse();
  } catch (const StructuredFieldError& e) {
    return e.reason();
  }
  return std::nullopt;
}

std::optional<Reason> item_failure(std::string_view text) {
  return failure([&] { parse_item(text); });
}
std::optional<Reason> list_failure(std::string_view text) {
  return failure([&] { parse_list(text); });
}
std::optional<Reason> dictionary_failure(std::string_view text) {
  return failure([&] { parse_dictionary(text); });
}

Item token(std::string value) {
  return Item{Token{std::move(value)}, {}};
}
Item string_item(std::string value) {
  return Item{std::move(value), {}};
}
Item integer(std::int64_t value) {
  return Item{value, {}};
}

// RFC 8941 section 3.1.
TEST(StructuredFieldList, ParsesTheRfcListOfTokens) {
  EXPECT_EQ(parse_list("sugar, tea, rum"), (List{token("sugar"), token("tea"), token("rum")}));
}

TEST(StructuredFieldList, ParsesFieldLinesCombinedWithCommas) {
  EXPECT_EQ(parse_list("sugar, tea" + std::string(", ") + "rum"),
            (List{token("sugar"), token("tea"), token("rum")}));
}

// Section 3.1.1.
TEST(StructuredFieldList, ParsesTheRfcInnerLists) {
  List expected{InnerList{{string_item("foo"), string_item("bar")}, {}},
                InnerList{{string_item("baz")}, {}},
                InnerList{{string_item("bat"), string_item("one")}, {}}, InnerList{}};
  EXPECT_EQ(parse_list(R"(("foo" "bar"), ("baz"), ("bat" "one"), ())"), expected);
}

TEST(StructuredFieldList, ParsesTheRfcInnerListsWithParameters) {
  Item foo = string_item("foo");
  foo.parameters.set("a", std::int64_t{1});
  foo.parameters.set("b", std::int64_t{2});
  InnerList first{{foo}, {}};
  first.parameters.set("lvl", std::int64_t{5});
  InnerList second{{string_item("bar"), string_item("baz")}, {}};
  second.parameters.set("lvl", std::int64_t{1});
  auto parsed = parse_list(R"(("foo"; a=1;b=2);lvl=5, ("bar" "baz");lvl=1)");
  EXPECT_EQ(parsed, (List{first, second}));
  EXPECT_EQ(serialize_list(parsed), R"(("foo";a=1;b=2);lvl=5, ("bar" "baz");lvl=1)");
}

// Section 3.1.2.
TEST(StructuredFieldList, ParsesTheRfcParameters) {
  Item abc = token("abc");
  abc.parameters.set("a", std::int64_t{1});
  abc.parameters.set("b", std::int64_t{2});
  abc.parameters.set("cde_456", true);
  Item ghi = token("ghi");
  ghi.parameters.set("jk", std::int64_t{4});
  InnerList inner{{ghi, token("l")}, {}};
  inner.parameters.set("q", std::string("9"));
  inner.parameters.set("r", Token{"w"});
  auto parsed = parse_list(R"(abc;a=1;b=2; cde_456, (ghi;jk=4 l);q="9";r=w)");
  EXPECT_EQ(parsed, (List{abc, inner}));
  EXPECT_EQ(serialize_list(parsed), R"(abc;a=1;b=2;cde_456, (ghi;jk=4 l);q="9";r=w)");
}

TEST(StructuredFieldItem, ParsesBooleanParameters) {
  Item expected = integer(1);
  expected.parameters.set("a", true);
  expected.parameters.set("b", false);
  auto parsed = parse_item("1; a; b=?0");
  EXPECT_EQ(parsed, expected);
  EXPECT_EQ(serialize_item(parsed), "1;a;b=?0");
}

// Section 3.2.
TEST(StructuredFieldDictionary, ParsesTheRfcDictionary) {
  auto parsed = parse_dictionary(R"(en="Applepie", da=:w4ZibGV0w6ZydGU=:)");
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(*parsed.find("en"), ListMember(string_item("Applepie")));
  EXPECT_EQ(*parsed.find("da"), ListMember(Item{ByteSequence{"\xc3\x86"
                                                             "blet\xc3\xa6rte"},
                                                {}}));
  EXPECT_EQ(serialize_dictionary(parsed), R"(en="Applepie", da=:w4ZibGV0w6ZydGU=:)");
}

TEST(StructuredFieldDictionary, ParsesBooleanMembersWithoutValues) {
  auto parsed = parse_dictionary("a=?0, b, c; foo=bar");
  Item c{true, {}};
  c.parameters.set("foo", Token{"bar"});
  Dictionary expected;
  expected.set("a", Item{false, {}});
  expected.set("b", Item{true, {}});
  expected.set("c", c);
  EXPECT_EQ(parsed, expected);
  EXPECT_EQ(serialize_dictionary(parsed), "a=?0, b, c;foo=bar");
}

TEST(StructuredFieldDictionary, ParsesTheRfcDictionariesWithInnerLists) {
  auto feelings = parse_dictionary("rating=1.5, feelings=(joy sadness)");
  EXPECT_EQ(*feelings.find("rating"), ListMember(Item{Decimal{1500}, {}}));
  EXPECT_EQ(*feelings.find("feelings"),
            ListMember(InnerList{{token("joy"), token("sadness")}, {}}));
  const std::string mixed = "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid";
  auto parsed = parse_dictionary(mixed);
  ASSERT_EQ(parsed.size(), 4u);
  EXPECT_EQ(*parsed.find("b"), ListMember(integer(3)));
  const auto& d = std::get<InnerList>(*parsed.find("d"));
  EXPECT_EQ(d.items, (std::vector<Item>{integer(5), integer(6)}));
  EXPECT_EQ(*d.parameters.find("valid"), BareItem(true));
  EXPECT_EQ(serialize_dictionary(parsed), mixed);
}

TEST(StructuredFieldDictionary, ARepeatedKeyKeepsItsPlaceAndTakesTheLastValue) {
  auto parsed = parse_dictionary("a=1, b=2, a=3");
  EXPECT_EQ(serialize_dictionary(parsed), "a=3, b=2");
}

TEST(StructuredFieldItem, ARepeatedParameterTakesTheLastValue) {
  EXPECT_EQ(serialize_item(parse_item("1;a=1;b;a=2")), "1;a=2;b");
}

// Section 3.3.
TEST(StructuredFieldItem, ParsesEachBareItemTypeOfTheRfc) {
  EXPECT_EQ(parse_item("42"), integer(42));
  EXPECT_EQ(parse_item("-42"), integer(-42));
  EXPECT_EQ(parse_item("4.5"), (Item{Decimal{4500}, {}}));
  EXPECT_EQ(parse_item("-4.5"), (Item{Decimal{-4500}, {}}));
  EXPECT_EQ(parse_item(R"("hello world")"), string_item("hello world"));
  EXPECT_EQ(parse_item("foo123/456"), token("foo123/456"));
  EXPECT_EQ(parse_item(":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:"),
            (Item{ByteSequence{"pretend this is binary content."}, {}}));
  EXPECT_EQ(parse_item("?1"), (Item{true, {}}));
  EXPECT_EQ(parse_item("?0"), (Item{false, {}}));
}

TEST(StructuredFieldItem, DiscardsSurroundingSpacesOnly) {
  EXPECT_EQ(parse_item("  42  "), integer(42));
  EXPECT_EQ(item_failure("\t42"), Reason::kBadBareItem);
  EXPECT_EQ(item_failure("42\t"), Reason::kTrailingCharacters);
}

TEST(StructuredFieldNumber, AcceptsTheLargestIntegersAndRefusesLonger) {
  EXPECT_EQ(parse_item("999999999999999"), integer(999'999'999'999'999));
  EXPECT_EQ(parse_item("-999999999999999"), integer(-999'999'999'999'999));
  EXPECT_EQ(parse_item("007"), integer(7));
  EXPECT_EQ(item_failure("1000000000000000"), Reason::kBadNumber);
  EXPECT_EQ(item_failure("-1000000000000000"), Reason::kBadNumber);
}

TEST(StructuredFieldNumber, DecimalsHoldTwelveIntegerAndThreeFractionDigits) {
  EXPECT_EQ(parse_item("123456789012.123"), (Item{Decimal{123'456'789'012'123}, {}}));
  EXPECT_EQ(parse_item("1.50"), (Item{Decimal{1500}, {}}));
  EXPECT_EQ(parse_item("-0.0"), (Item{Decimal{0}, {}}));
  EXPECT_EQ(item_failure("1234567890123.0"), Reason::kBadNumber);
  EXPECT_EQ(item_failure("1.1234"), Reason::kBadNumber);
  EXPECT_EQ(item_failure("1."), Reason::kBadNumber);
  EXPECT_EQ(item_failure("-"), Reason::kBadNumber);
  EXPECT_EQ(item_failure("-a"), Reason::kBadNumber);
  EXPECT_EQ(item_failure("1.2.3"), Reason::kTrailingCharacters);
}

TEST(StructuredFieldString, UnescapesQuoteAndBackslashOnly) {
  EXPECT_EQ(parse_item(R"("a\"b\\c")"), string_item("a\"b\\c"));
  EXPECT_EQ(parse_item(R"("")"), string_item(""));
  EXPECT_EQ(item_failure(R"("a\nb")"), Reason::kBadString);
  EXPECT_EQ(item_failure(R"("abc\)"), Reason::kBadString);
  EXPECT_EQ(item_failure(R"("abc)"), Reason::kBadString);
  EXPECT_EQ(item_failure("\"a\tb\""), Reason::kBadString);
  EXPECT_EQ(item_failure("\"a\x7f"
                         "b\""),
            Reason::kBadString);
}

TEST(StructuredField, RefusesBytesOutsideAscii) {
  EXPECT_EQ(item_failure("\"caf\xc3\xa9\""), Reason::kNotAscii);
  EXPECT_EQ(list_failure("a, b\xff"), Reason::kNotAscii);
}

TEST(StructuredFieldToken, TakesColonAndSlashAndStopsAtOtherCharacters) {
  EXPECT_EQ(parse_item("*foo"), token("*foo"));
  EXPECT_EQ(parse_item("a:b/c!#$%&'*+-.^_`|~9"), token("a:b/c!#$%&'*+-.^_`|~9"));
  EXPECT_EQ(item_failure("foo@bar"), Reason::kTrailingCharacters);
  EXPECT_EQ(item_failure("@foo"), Reason::kBadBareItem);
}

TEST(StructuredFieldByteSequence, ForgivesMissingPaddingAndPadBits) {
  EXPECT_EQ(parse_item(":aGVsbG8=:"), (Item{ByteSequence{"hello"}, {}}));
  EXPECT_EQ(parse_item(":aGVsbG8:"), (Item{ByteSequence{"hello"}, {}}));
  EXPECT_EQ(parse_item(":iZ==:"), (Item{ByteSequence{"\x89"}, {}}));
  EXPECT_EQ(parse_item("::"), (Item{ByteSequence{""}, {}}));
}

TEST(StructuredFieldByteSequence, RefusesWhatIsNotBase64) {
  EXPECT_EQ(item_failure(":aGVsbG8="), Reason::kBadByteSequence);
  EXPECT_EQ(item_failure(":aGVsb G8=:"), Reason::kBadByteSequence);
  EXPECT_EQ(item_failure(":aGVsbG!8=:"), Reason::kBadByteSequence);
  EXPECT_EQ(item_failure(":_-Ah:"), Reason::kBadByteSequence);
  EXPECT_EQ(item_failure(":aGVsbG8=!:"), Reason::kBadByteSequence);
  EXPECT_EQ(item_failure(":aG=VsbG8:"), Reason::kBadByteSequence);
  EXPECT_EQ(item_failure(":a:"), Reason::kBadByteSequence);
}

TEST(StructuredFieldBoolean, IsQuestionMarkThenZeroOrOne) {
  EXPECT_EQ(item_failure("?2"), Reason::kBadBoolean);
  EXPECT_EQ(item_failure("?"), Reason::kBadBoolean);
  EXPECT_EQ(item_failure("?11"), Reason::kTrailingCharacters);
}

TEST(StructuredFieldList, EmptyFieldIsAnEmptyListButNoItem) {
  EXPECT_TRUE(parse_list("").empty());
  EXPECT_TRUE(parse_list("   ").empty());
  EXPECT_TRUE(parse_dictionary("").empty());
  EXPECT_EQ(item_failure(""), Reason::kBadBareItem);
}

TEST(StructuredFieldList, MembersAreSeparatedByOneComma) {
  EXPECT_EQ(parse_list("a,b ,\tc"), (List{token("a"), token("b"), token("c")}));
  EXPECT_EQ(list_failure("a, b,"), Reason::kTrailingComma);
  EXPECT_EQ(list_failure("a, b, "), Reason::kTrailingComma);
  EXPECT_EQ(list_failure("a b"), Reason::kExpectedComma);
  EXPECT_EQ(list_failure("a,,b"), Reason::kBadBareItem);
  EXPECT_EQ(dictionary_failure("a=1,"), Reason::kTrailingComma);
  EXPECT_EQ(dictionary_failure("a=1 b=2"), Reason::kExpectedComma);
}

TEST(StructuredFieldInnerList, NeedsSpacesBetweenItemsAndAClosingParenthesis) {
  EXPECT_EQ(parse_list("( a  b )"), (List{InnerList{{token("a"), token("b")}, {}}}));
  EXPECT_EQ(list_failure("(a b"), Reason::kBadInnerList);
  EXPECT_EQ(list_failure("(a,b)"), Reason::kBadInnerList);
  EXPECT_EQ(list_failure("(a\tb)"), Reason::kBadInnerList);
  EXPECT_EQ(list_failure("((a))"), Reason::kBadBareItem);
}

TEST(StructuredFieldKey, StartsWithLowercaseOrStar) {
  EXPECT_EQ(parse_dictionary("*a_1-.*=1").size(), 1u);
  EXPECT_EQ(dictionary_failure("A=1"), Reason::kBadKey);
  EXPECT_EQ(dictionary_failure("1a=1"), Reason::kBadKey);
  EXPECT_EQ(dictionary_failure("a=1, =2"), Reason::kBadKey);
  EXPECT_EQ(item_failure("1;A=2"), Reason::kBadKey);
  EXPECT_EQ(item_failure("1;"), Reason::kBadKey);
  EXPECT_EQ(dictionary_failure("aB=1"), Reason::kExpectedComma);
}

std::string repeated(std::string_view piece, std::size_t count, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += separator;
    out += piece;
  }
  return out;
}

TEST(StructuredFieldBounds, RefusesAFieldOverEightKibibytes) {
  std::string at_limit = "\"" + std::string(kMaxFieldBytes - 2, 'a') + "\"";
  EXPECT_EQ(std::get<std::string>(parse_item(at_limit).value).size(), kMaxFieldBytes - 2);
  EXPECT_EQ(item_failure(at_limit + " "), Reason::kTooLarge);
}

TEST(StructuredFieldBounds, RefusesMoreThan1024Members) {
  EXPECT_EQ(parse_list(repeated("a", kMaxMembers, ",")).size(), kMaxMembers);
  EXPECT_EQ(list_failure(repeated("a", kMaxMembers + 1, ",")), Reason::kTooLarge);
  std::string dictionary;
  for (std::size_t i = 0; i <= kMaxMembers; ++i)
    dictionary += (i > 0 ? "," : "") + std::string("k") + std::to_string(i);
  EXPECT_EQ(dictionary_failure(dictionary), Reason::kTooLarge);
}

TEST(StructuredFieldBounds, RefusesOver256InnerListItemsOrParameters) {
  EXPECT_EQ(list_failure("(" + repeated("a", kMaxInnerListItems + 1, " ") + ")"),
            Reason::kTooLarge);
  std::string parameters;
  for (std::size_t i = 0; i <= kMaxParameters; ++i)
    parameters += ";p" + std::to_string(i);
  EXPECT_EQ(item_failure("1" + parameters), Reason::kTooLarge);
  EXPECT_EQ(item_failure("1" + repeated(";p", 300, "")), std::nullopt);  // one key, repeated
}

TEST(StructuredFieldSerializer, WritesDecimalsWithOneToThreeFractionDigits) {
  EXPECT_EQ(serialize_bare_item(Decimal{1500}), "1.5");
  EXPECT_EQ(serialize_bare_item(Decimal{0}), "0.0");
  EXPECT_EQ(serialize_bare_item(Decimal{-1}), "-0.001");
  EXPECT_EQ(serialize_bare_item(Decimal{123'456'789'012'345}), "123456789012.345");
  EXPECT_EQ(failure([] { serialize_bare_item(Decimal{1'000'000'000'000'000}); }),
            Reason::kNotSerializable);
}

TEST(StructuredFieldSerializer, WritesEachBareItemType) {
  EXPECT_EQ(serialize_bare_item(std::int64_t{-7}), "-7");
  EXPECT_EQ(serialize_bare_item(std::string("say \"hi\" \\")), R"("say \"hi\" \\")");
  EXPECT_EQ(serialize_bare_item(Token{"*a:b/c"}), "*a:b/c");
  EXPECT_EQ(serialize_bare_item(ByteSequence{"hello"}), ":aGVsbG8=:");
  EXPECT_EQ(serialize_bare_item(true), "?1");
  EXPECT_EQ(serialize_bare_item(false), "?0");
}

TEST(StructuredFieldSerializer, RefusesValuesTheFormatCannotCarry) {
  auto refused = [](const BareItem& value) {
    return failure([&] { serialize_bare_item(value); }) == Reason::kNotSerializable;
  };
  EXPECT_TRUE(refused(std::int64_t{1'000'000'000'000'000}));
  EXPECT_TRUE(refused(std::string("line\nbreak")));
  EXPECT_TRUE(refused(std::string("caf\xc3\xa9")));
  EXPECT_TRUE(refused(Token{""}));
  EXPECT_TRUE(refused(Token{"1abc"}));
  EXPECT_TRUE(refused(Token{"a b"}));
  Dictionary bad_key;
  bad_key.set("Upper", Item{std::int64_t{1}, {}});
  EXPECT_EQ(failure([&] { serialize_dictionary(bad_key); }), Reason::kNotSerializable);
}

TEST(StructuredFieldSerializer, WritesBooleanTrueParametersAndMembersAsBareKeys) {
  EXPECT_EQ(serialize_dictionary(parse_dictionary("a=?1, b=?0;x=?1")), "a, b=?0;x");
  EXPECT_TRUE(serialize_list({}).empty());
}

TEST(StructuredField, ParseThenSerializeThenParseIsStable) {
  for (std::string_view text :
       {"a=(1 2.5 \"x\");p=?0, b=:AAE=:;q=*t, c", "x=-0.010, y=007;z=tok/en:1, w=:AAE:"}) {
    auto dictionary = parse_dictionary(text);
    std::string once = serialize_dictionary(dictionary);
    EXPECT_EQ(parse_dictionary(once), dictionary) << text;
    EXPECT_EQ(serialize_dictionary(parse_dictionary(once)), once) << text;
  }
  auto list = parse_list(" ( ) ,a;b=1 , \"\\\\\"\t");
  std::string once = serialize_list(list);
  EXPECT_EQ(once, R"((), a;b=1, "\\")");
  EXPECT_EQ(parse_list(once), list);
}

}  // namespace
}  // namespace hindsight::federation::sf
