// The stages after detection, through Anonymizer::anonymize: the directory's addresses, the
// reviewer's rules, and dates coarsened only when the context names the incident's start.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/anonymizer/anonymizer.hpp"
#include "tests/anonymizer/anonymizer_test_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using test_support::shared_anonymizer;

RedactedText redact(std::string_view text, const DocumentContext& context,
                    const ReviewerRules& rules = {}) {
  RedactionSession session;
  return shared_anonymizer().anonymize(text, context, session, rules);
}

DocumentContext started(const char* rfc3339) {
  return DocumentContext::from_json({{"incident_start", rfc3339}});
}

TEST(RedactionLayers, DatesStayWithoutAnIncidentStart) {
  std::string text = "paged 2024-03-02 14:05 UTC on Tuesday, fixed at 3 p.m. yesterday";
  auto out = redact(text, {});
  EXPECT_EQ(out.text, text);
  EXPECT_TRUE(out.coarsened.empty());
  EXPECT_FALSE(DocumentContext::from_json(nlohmann::json::object()).incident);
  EXPECT_FALSE(DocumentContext::from_json({{"incident_start", nullptr}}).incident);
}

TEST(RedactionLayers, DatesBecomeOffsetsFromTheIncidentStart) {
  auto out = redact("paged 2024-03-02 14:05 UTC on Saturday, fixed at 3 p.m.",
                    started("2024-03-02T14:00:00+00:00"));
  EXPECT_EQ(out.text, "paged T+5m on T+0d, fixed at T+1h");
  ASSERT_EQ(out.coarsened.size(), 3u);
  EXPECT_EQ(out.coarsened[0].start, 6u);
  EXPECT_EQ(out.coarsened[0].end, 26u);
  EXPECT_EQ(out.coarsened[0].replacement, "T+5m");
  EXPECT_EQ(out.coarsened[1].replacement, "T+0d");
  EXPECT_TRUE(out.findings.empty());
}

TEST(RedactionLayers, ARefusedIncidentStartNamesTheKey) {
  for (nlohmann::json bad :
       {nlohmann::json("yesterday"), nlohmann::json("2024-03-02"), nlohmann::json(1709388000)}) {
    try {
      DocumentContext::from_json({{"incident_start", bad}});
      ADD_FAILURE() << bad.dump();
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("incident_start"), std::string::npos);
    }
  }
}

TEST(RedactionLayers, DirectoryAddressesAreFoundWhereTheDetectorMissesThem) {
  DocumentContext context;
  context.people.push_back({"", "", "Jo.Doe@corp.example"});
  auto out = redact("mail jo.doe@corp.example now", context);
  EXPECT_EQ(out.text, "mail [EMAIL-1] now");
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].source, FindingSource::kDirectory);
}

TEST(RedactionLayers, ReviewerRulesRedactAbsorbAndKeep) {
  ReviewerRules rules;
  rules.redact_terms.push_back({"r1", "falcon", EntityType::kOrg});
  rules.redact_spans.push_back({"r2", 31, 40, EntityType::kCustomer});  // "40 worked"
  rules.keep_terms.push_back("10.9.8.7");
  auto out = redact("Falcon failed over to 10.20.30.40 worked, 10.9.8.7 kept", {}, rules);
  EXPECT_EQ(out.text, "[ORG-1] failed over to [CUSTOMER-1], 10.9.8.7 kept");
  ASSERT_EQ(out.findings.size(), 2u);
  EXPECT_EQ(out.findings[0].source, FindingSource::kReviewer);
  EXPECT_EQ(out.findings[0].rule_id, "r1");
  // The span swallowed the address it touched, from the address's start.
  EXPECT_EQ(out.findings[1].finding.start, 22u);
  EXPECT_EQ(out.findings[1].finding.end, 40u);
  EXPECT_EQ(out.findings[1].rule_id, "r2");
}

TEST(RedactionLayers, ADateInsideAFindingIsLeftToIt) {
  ReviewerRules rules;
  rules.redact_terms.push_back({"r1", "March 2 release", EntityType::kOrg, true});
  auto out = redact("the March 2 release broke on March 3", started("2024-03-02T10:00:00Z"), rules);
  EXPECT_EQ(out.text, "the [ORG-1] broke on T+1d");
  EXPECT_EQ(out.coarsened.size(), 1u);
}

}  // namespace
}  // namespace hindsight::common::anonymizer
