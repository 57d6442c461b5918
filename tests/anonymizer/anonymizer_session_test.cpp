// Placeholders, offsets and the configuration: consistent numbering across one postmortem's
// fields, byte offsets on multi-byte UTF-8, dictionary matching with inflections, allowed terms
// and admin patterns.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/anonymizer/anonymizer.hpp"
#include "common/anonymizer/dictionary_matcher.hpp"
#include "tests/anonymizer/anonymizer_test_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using test_support::detect;
using test_support::shared_anonymizer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

DocumentContext marlowe_context() {
  DocumentContext context;
  context.people = {{"Haruka Inoue", "hinoue", "hinoue@marlowe.ai"}};
  context.org_names = {"Marlowe Analytics", "Marlowe"};
  context.customers = {"Wayne Aerospace"};
  context.terms = {"Project Nimbus"};
  return context;
}

TEST(RedactionSession, NumbersPlaceholdersConsistentlyAcrossFields) {
  RedactionSession session;
  auto context = marlowe_context();
  auto summary = shared_anonymizer().anonymize("Haruka Inoue restarted db-prod-03 and db-prod-04.",
                                               context, session);
  auto timeline = shared_anonymizer().anonymize("10:02 db-prod-04 back; Haruka Inoue closes it.",
                                                context, session);
  EXPECT_EQ(summary.text, "[PERSON-1] restarted [HOSTNAME-1] and [HOSTNAME-2].");
  EXPECT_EQ(timeline.text, "10:02 [HOSTNAME-2] back; [PERSON-1] closes it.");
  EXPECT_EQ(timeline.findings[0].placeholder, "[HOSTNAME-2]");
}

TEST(RedactionSession, AHandleAndItsLoginShareAPlaceholder) {
  RedactionSession session;
  auto out = shared_anonymizer().anonymize("<rkhoury> on it\n@rkhoury thanks", {}, session);
  EXPECT_THAT(out.text, Not(HasSubstr("rkhoury")));
  EXPECT_EQ(out.findings.at(0).placeholder, out.findings.at(1).placeholder);
}

TEST(RedactionSession, LeavesNothingOfASecret) {
  RedactionSession session;
  const std::string token = "ghp_MUP6n0a0uARxlNtencYFJEeAgYzQJjOIfPkz";
  auto out = shared_anonymizer().anonymize("the token " + token + " leaked", {}, session);
  EXPECT_EQ(out.text, "the token [SECRET-1] leaked");
  EXPECT_THAT(out.text, Not(HasSubstr("ghp_")));
}

TEST(Offsets, AreUtf8ByteOffsetsOnCodePointBoundaries) {
  DocumentContext context;
  context.people = {{"Søren Dahl", "sdahl", ""}};
  std::string text = "Résumé — 王芳 paged Søren Dahl at 10.1.2.3 ✓";
  auto findings = shared_anonymizer().detect(text, context);
  std::vector<std::string> spans;
  for (const auto& f : findings)
    spans.push_back(text.substr(f.start, f.size()));
  EXPECT_THAT(spans, ElementsAre("王芳", "Søren Dahl", "10.1.2.3"));
  EXPECT_EQ(findings[1].start, text.find("Søren"));
  EXPECT_EQ(findings[1].end, text.find(" at"));
}

TEST(Dictionary, MatchesContextCaseInsensitivelyWithInflections) {
  auto context = marlowe_context();
  EXPECT_THAT(
      detect("MARLOWE's rollout hit Wayne Aerospace's API; project nimbus paused; "
             "the Marlowes said so",
             context),
      ElementsAre("ORG:MARLOWE", "CUSTOMER:Wayne Aerospace", "ORG:project nimbus", "ORG:Marlowes"));
  EXPECT_THAT(detect("hinoue@marlowe.ai (hinoue) asked Haruka", context),
              ElementsAre("EMAIL:hinoue@marlowe.ai", "USERNAME:hinoue", "PERSON:Haruka"));
}

TEST(Dictionary, MatchesContextEmailsWholeAndInAnyCase) {
  DocumentContext context;
  context.people = {{"Priya Raman", "praman", "priya.raman@corp-mail.example"},
                    {"Jo Lee", "jlee", "jo@corp.example.org"}};
  EXPECT_THAT(detect("Mail Priya.Raman@Corp-Mail.example or jo@corp.example.org.", context),
              ElementsAre("EMAIL:Priya.Raman@Corp-Mail.example", "EMAIL:jo@corp.example.org"));
}

TEST(Dictionary, MatchesAContextEmailOnlyAsAWholeToken) {
  DictionaryMatcher dictionary;
  dictionary.add_email("Jo@Corp.Example.org");
  std::string text = "xjo@corp.example.org, jo@corp.example.org.uk, (jo@corp.example.org).";
  std::vector<Finding> found;
  dictionary.scan(text, split_words(text), found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].start, found[0].size()), "jo@corp.example.org");
  EXPECT_EQ(found[0].start, text.find("(jo@") + 1);
  EXPECT_EQ(found[0].type, EntityType::kEmail);
}

TEST(Configuration, AllowedTermsAreNeverRedacted) {
  AnonymizerConfig config;
  config.defaults.org_names = {"Marlowe"};
  config.allowed_terms = {"Marlowe Street"};
  Anonymizer anonymizer(config);
  auto findings = anonymizer.detect("Marlowe moved to Marlowe Street", {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 0u);
}

TEST(Configuration, AdminPatternsAddFindings) {
  auto config = AnonymizerConfig::from_json(nlohmann::json::parse(
      R"({"org_names": ["Marlowe"], "allowed_terms": [],
          "patterns": [{"name": "badge", "type": "ACCOUNT_ID", "regex": "BADGE#[0-9]{5}"}]})"));
  Anonymizer anonymizer(config);
  auto findings = anonymizer.detect("badge BADGE#12345 of Marlowe", {});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].type, EntityType::kAccountId);
  EXPECT_EQ(findings[1].type, EntityType::kOrg);
}

TEST(Configuration, RejectsBadPatternsAndTypes) {
  EXPECT_THROW(AnonymizerConfig::from_json(nlohmann::json::parse(
                   R"({"patterns": [{"name": "x", "type": "NOPE", "regex": "a"}]})")),
               std::invalid_argument);
  AnonymizerConfig config;
  config.patterns = {{"broken", EntityType::kSecret, "(unclosed"}};
  EXPECT_THROW(Anonymizer{config}, std::invalid_argument);
  // Backreferences would need a backtracking engine; RE2 refuses them.
  config.patterns = {{"backref", EntityType::kSecret, R"((a+)\1)"}};
  EXPECT_THROW(Anonymizer{config}, std::invalid_argument);
}

}  // namespace
}  // namespace hindsight::common::anonymizer
