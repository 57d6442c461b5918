// The hand-written JSON Lines reader and writer of `hindsight anonymize`: the usual shape is
// read and written exactly as nlohmann would; every other line is declined, for the general
// parser to answer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/cli/anonymize_line_reader.hpp"
#include "server/cli/anonymize_line_writer.hpp"

namespace hindsight::server {
namespace {

namespace anon = common::anonymizer;
using nlohmann::json;

std::string dumped(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST(AnonymizeLineReader, ReadsIdTextAndEveryContextKey) {
  AnonymizeInput input;
  ASSERT_TRUE(read_anonymize_line(
      R"( {"id": "d-1", "context": {"people": [{"name": "Ann Lee", "username": "alee",
      "email": null}], "org_names": ["Acme"], "terms": [], "customers": null,
      "internal_domains": ["corp.acme.io"]}, "text": "Ann \"paged\"\n\u00e9\ud83d\ude00"} )",
      input));
  EXPECT_EQ(input.id, "d-1");
  EXPECT_EQ(input.text, "Ann \"paged\"\n\xC3\xA9\xF0\x9F\x98\x80");
  ASSERT_EQ(input.context.people.size(), 1u);
  EXPECT_EQ(input.context.people[0].name, "Ann Lee");
  EXPECT_EQ(input.context.people[0].username, "alee");
  EXPECT_EQ(input.context.people[0].email, "");
  EXPECT_EQ(input.context.org_names, std::vector<std::string>{"Acme"});
  EXPECT_TRUE(input.context.customers.empty());
  EXPECT_EQ(input.context.internal_domains, std::vector<std::string>{"corp.acme.io"});
}

TEST(AnonymizeLineReader, ReusedInputForgetsThePreviousLine) {
  AnonymizeInput input;
  ASSERT_TRUE(
      read_anonymize_line(R"({"id": "a", "context": {"terms": ["X1"]}, "text": "a"})", input));
  ASSERT_TRUE(read_anonymize_line(R"({"text": "b"})", input));
  EXPECT_FALSE(input.id.has_value());
  EXPECT_TRUE(input.context.terms.empty());
  EXPECT_EQ(input.text, "b");
}

TEST(AnonymizeLineReader, DeclinesWhatTheGeneralParserMustAnswer) {
  AnonymizeInput input;
  for (const char* line : {
           "not json",
           R"({"id": 7, "text": "numbers as ids go the general way"})",
           R"({"id": "a"})",
           R"({"id": "a", "text": 5})",
           R"({"text": "a", "text": "b"})",
           R"({"text": "a", "extra": 1})",
           R"({"text": "a", "context": []})",
           R"({"text": "a", "context": {"people": [{"name": 5}]}})",
           R"({"text": "a", "context": {"people": [{"title": "x"}]}})",
           R"({"text": "bad \ud800 surrogate"})",
           R"({"text": "bad \udc00 surrogate"})",
           "{\"text\": \"raw \x01 control\"}",
           "{\"text\": \"ill-formed \xff byte\"}",
           "{\"text\": \"overlong \xC0\xAF\"}",
           R"({"text": "a"} trailing)",
           R"({"text": "unterminated)",
           R"([1, 2])",
       })
    EXPECT_FALSE(read_anonymize_line(line, input)) << line;
}

TEST(AnonymizeLineWriter, WritesWhatNlohmannWrites) {
  anon::RedactedText redacted;
  redacted.text = "[PERSON-1] \"q\" \\ \t\n\r\b\f \x01\x1f\x7f \xC3\xA9 \xF0\x9F\x98\x80 /";
  redacted.findings.push_back({{anon::EntityType::kPerson, 0, 12}, "[PERSON-1]"});
  redacted.findings.push_back({{anon::EntityType::kIpAddress, 20, 28}, "[IP_ADDRESS-1]"});
  json findings = json::array();
  for (const auto& f : redacted.findings)
    findings.push_back({{"type", anon::entity_type_name(f.finding.type)},
                        {"start", f.finding.start},
                        {"end", f.finding.end}});
  for (const auto& id :
       {std::optional<std::string>("d\"1\xC3\xA9"), std::optional<std::string>()}) {
    std::string out = "kept:";
    ASSERT_TRUE(append_anonymize_result(out, id, redacted));
    json expected = {
        {"id", id ? json(*id) : json(nullptr)}, {"text", redacted.text}, {"findings", findings}};
    EXPECT_EQ(out, "kept:" + dumped(expected));
  }
}

TEST(AnonymizeLineWriter, RefusesTextThatIsNotUtf8AndLeavesTheBufferAsItWas) {
  anon::RedactedText redacted;
  redacted.text = "cut \xC3";
  std::string out = "kept";
  EXPECT_FALSE(append_anonymize_result(out, std::nullopt, redacted));
  EXPECT_EQ(out, "kept");
  EXPECT_FALSE(append_json_string(out, "\xED\xA0\x80"));  // an encoded surrogate
  EXPECT_EQ(out, "kept");
}

}  // namespace
}  // namespace hindsight::server
