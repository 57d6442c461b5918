// Reading JSON request bodies and string fields.
#include "server/http/json_body.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/error/api_error.hpp"
#include "tests/support/api_error_from.hpp"

namespace hindsight::server {
namespace {
using common::ApiError;
using common::utf8_length;
using nlohmann::json;
using test::api_error_from;

Request with_body(std::string body) {
  Request r;
  r.method = "POST";
  r.path = "/api/v1/things";
  r.body = std::move(body);
  return r;
}

// The N in "... (at byte N)".
long byte_in(const std::string& message) {
  const std::string marker = "at byte ";
  auto at = message.find(marker);
  if (at == std::string::npos) return -1;
  return std::stol(message.substr(at + marker.size()));
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += s;
  return out;
}

const std::string kEAcute = "\xc3\xa9";  // "é", two bytes, one character

// --- parse_json_object ------------------------------------------------------------------------

TEST(ParseJsonObject, ParsesAnObject) {
  json body = parse_json_object(with_body(R"({"title": "Outage", "n": 3})"));
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body.at("title").get<std::string>(), "Outage");
  EXPECT_EQ(body.at("n").get<int>(), 3);
}

TEST(ParseJsonObject, InvalidJsonIs400InvalidJsonSayingTheByte) {
  auto error = api_error_from([] { parse_json_object(with_body(R"({"a": x})")); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status(), 400);
  EXPECT_EQ(error->code(), "invalid_json");
  std::string message = error->what();
  long byte = byte_in(message);
  EXPECT_GT(byte, 0) << message;
  EXPECT_LE(byte, 8) << message;  // within the 8-byte body

  // The same error nine bytes further along is reported nine bytes later.
  auto later = api_error_from([] { parse_json_object(with_body(R"({"abcdefghij": x})")); });
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(byte_in(later->what()), byte + 9) << later->what();
}

TEST(ParseJsonObject, ArrayIsInvalidJson) {
  auto error = api_error_from([] { parse_json_object(with_body("[1, 2, 3]")); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status(), 400);
  EXPECT_EQ(error->code(), "invalid_json");
}

TEST(ParseJsonObject, ScalarsAreInvalidJson) {
  for (const char* body : {"\"text\"", "42", "null", "true"}) {
    auto error = api_error_from([&] { parse_json_object(with_body(body)); });
    ASSERT_TRUE(error.has_value()) << body;
    EXPECT_EQ(error->code(), "invalid_json") << body;
  }
}

TEST(ParseJsonObject, EmptyBodyAllowedOnlyWhenEmptyOk) {
  json empty = parse_json_object(with_body(""), /*empty_ok=*/true);
  EXPECT_TRUE(empty.is_object());
  EXPECT_TRUE(empty.empty());

  auto error = api_error_from([] { parse_json_object(with_body(""), /*empty_ok=*/false); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status(), 400);
  EXPECT_EQ(error->code(), "invalid_json");

  EXPECT_THROW(parse_json_object(with_body("")), ApiError);  // the default is not empty_ok
}

TEST(ParseJsonObject, EmptyOkStillParsesANonEmptyBody) {
  json body = parse_json_object(with_body(R"({"a": 1})"), /*empty_ok=*/true);
  EXPECT_EQ(body.at("a").get<int>(), 1);
  EXPECT_THROW(parse_json_object(with_body("{"), /*empty_ok=*/true), ApiError);
}

// --- optional_string / required_string --------------------------------------------------------

TEST(OptionalString, AbsentOrNullIsNullopt) {
  json object = json::parse(R"({"title": null})");
  EXPECT_FALSE(optional_string(object, "title", 100).has_value());
  EXPECT_FALSE(optional_string(object, "summary", 100).has_value());
}

TEST(OptionalString, ReturnsTheString) {
  json object = json::parse(R"({"title": "Outage"})");
  EXPECT_EQ(optional_string(object, "title", 100), std::optional<std::string>("Outage"));
}

TEST(OptionalString, NonStringIsValidationFailedNamingTheField) {
  for (const char* text :
       {R"({"title": 5})", R"({"title": true})", R"({"title": ["a"]})", R"({"title": {"a": 1}})"}) {
    json object = json::parse(text);
    auto error = api_error_from([&] { optional_string(object, "title", 100); });
    ASSERT_TRUE(error.has_value()) << text;
    EXPECT_EQ(error->status(), 400) << text;
    EXPECT_EQ(error->code(), "validation_failed") << text;
    EXPECT_EQ(error->field(), "title") << text;
  }
}

TEST(OptionalString, LengthCountsCodePointsNotBytes) {
  json object = {{"title", repeat(kEAcute, 5)}};  // 5 characters, 10 bytes
  EXPECT_EQ(optional_string(object, "title", 5), std::optional<std::string>(repeat(kEAcute, 5)));

  auto error = api_error_from([&] { optional_string(object, "title", 4); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), "validation_failed");
  EXPECT_EQ(error->field(), "title");
}

TEST(OptionalString, InvalidUtf8Rejected) {
  json object = {{"title", std::string("ab\xff")}};
  auto error = api_error_from([&] { optional_string(object, "title", 100); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code(), "validation_failed");
  EXPECT_EQ(error->field(), "title");
}

TEST(RequiredString, RejectsEmptyAbsentAndNull) {
  for (const char* text : {R"({"title": ""})", R"({})", R"({"title": null})"}) {
    json object = json::parse(text);
    auto error = api_error_from([&] { required_string(object, "title", 100); });
    ASSERT_TRUE(error.has_value()) << text;
    EXPECT_EQ(error->code(), "validation_failed") << text;
    EXPECT_EQ(error->field(), "title") << text;
  }
}

TEST(RequiredString, ReturnsAPresentString) {
  json object = json::parse(R"({"title": "x"})");
  EXPECT_EQ(required_string(object, "title", 1), "x");
  EXPECT_THROW(required_string(object, "title", 0), ApiError);
}

// --- utf8_length ------------------------------------------------------------------------------

TEST(Utf8Length, CountsCodePointsOfEveryWidth) {
  std::size_t n = 99;
  EXPECT_TRUE(utf8_length("", n));
  EXPECT_EQ(n, 0u);
  EXPECT_TRUE(utf8_length("hello", n));
  EXPECT_EQ(n, 5u);
  EXPECT_TRUE(utf8_length("h\xc3\xa9llo", n));  // é: 2 bytes
  EXPECT_EQ(n, 5u);
  EXPECT_TRUE(utf8_length("\xe6\x97\xa5\xe6\x9c\xac", n));  // 日本: 3 bytes each
  EXPECT_EQ(n, 2u);
  EXPECT_TRUE(utf8_length("\xf0\x9f\x98\x80!", n));  // U+1F600: 4 bytes
  EXPECT_EQ(n, 2u);
}

TEST(Utf8Length, RejectsTruncatedSequences) {
  std::size_t n = 0;
  EXPECT_FALSE(utf8_length("\xc3", n));
  EXPECT_FALSE(utf8_length("ab\xe6\x97", n));
  EXPECT_FALSE(utf8_length("\xf0\x9f\x98", n));
}

TEST(Utf8Length, RejectsBadContinuationAndStrayBytes) {
  std::size_t n = 0;
  EXPECT_FALSE(utf8_length("\xc3\x28", n));              // continuation byte missing
  EXPECT_FALSE(utf8_length("\xe6\x97\x41", n));          // third byte is ASCII
  EXPECT_FALSE(utf8_length("\x80", n));                  // lone continuation byte
  EXPECT_FALSE(utf8_length("a\xff", n));                 // never valid in UTF-8
  EXPECT_FALSE(utf8_length("\xf8\x88\x80\x80\x80", n));  // 5-byte form
}

}  // namespace
}  // namespace hindsight::server

namespace hindsight::server {
namespace {

// PostgreSQL stores no NUL in text or jsonb: a body carrying one anywhere is refused up front,
// naming where, and the field readers refuse it too.
TEST(ParseJsonObject, NulAnywhereIsValidationFailedNamingItsPath) {
  auto error = api_error_from([] {
    parse_json_object(
        with_body(R"({"title": "ok", "timeline": [{"text": "a"}, {"text": "b\u0000"}]})"));
  });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->status(), 400);
  EXPECT_EQ(error->code(), "validation_failed");
  EXPECT_EQ(error->field(), "timeline[1].text");

  auto in_key = api_error_from([] { parse_json_object(with_body(R"({"a\u0000": 1})")); });
  ASSERT_TRUE(in_key.has_value());
  EXPECT_EQ(in_key->field(), std::string("a\0", 2));
}

TEST(ParseJsonObject, UnpairedSurrogateEscapesAreInvalidJson) {
  for (const char* body :
       {R"({"a": "\ud800"})", R"({"a": "\udc00x"})", R"({"a": "\ud800\u0041"})"}) {
    auto error = api_error_from([&] { parse_json_object(with_body(body)); });
    ASSERT_TRUE(error.has_value()) << body;
    EXPECT_EQ(error->code(), "invalid_json") << body;
  }
}

TEST(OptionalString, NulIsValidationFailed) {
  json body = {{"name", std::string("a\0b", 3)}};
  auto error = api_error_from([&] { common::optional_string(body, "name", 10); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->field(), "name");
  EXPECT_NE(std::string(error->what()).find("NUL"), std::string::npos);
}

}  // namespace
}  // namespace hindsight::server
