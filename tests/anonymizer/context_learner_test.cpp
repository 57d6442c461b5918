// The context learner finds a document's own organization and customer names from the phrases
// postmortems introduce them with, and learns nothing from the same words in other phrases.
#include "common/anonymizer/context_learner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace hindsight::common::anonymizer {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const Gazetteer& names() {
  static const Gazetteer gazetteer;
  return gazetteer;
}

DocumentContext learned(const std::string& text) {
  static const ContextLearner learner;
  DocumentContext context;
  learner.learn(text, split_words(text), names(), context);
  return context;
}

TEST(ContextLearner, LearnsTheOrganizationFromItsHeaderAndTeams) {
  auto context = learned("Organization: Marlowe Systems\nThe Kestrel team rolled back.\n");
  EXPECT_THAT(context.org_names, UnorderedElementsAre("Marlowe Systems", "Marlowe", "Kestrel"));
  EXPECT_THAT(context.customers, IsEmpty());
}

TEST(ContextLearner, LearnsCodenamesAfterProject) {
  EXPECT_THAT(learned("We paused Project Nightjar for a week.").org_names,
              ElementsAre("Project Nightjar"));
}

TEST(ContextLearner, LearnsCustomersFromWhatTheyDidOrSuffered) {
  auto context = learned(
      "During the outage Pinecrest Bank (account 4471) saw errors. Hooli and Initech opened "
      "support tickets, Globex is asking for an ETA, and Umbrella was impacted for an hour. "
      "Later Vandelay confirmed recovery.");
  EXPECT_THAT(context.customers, UnorderedElementsAre("Pinecrest Bank", "Hooli", "Initech",
                                                      "Globex", "Umbrella", "Vandelay"));
  EXPECT_THAT(context.org_names, IsEmpty());
}

TEST(ContextLearner, LearnsNamesWrittenInOtherScripts) {
  auto context = learned("Ōkami Labs opened a ticket and the Škoda team paged us.");
  EXPECT_THAT(context.customers, ElementsAre("Ōkami Labs"));
  EXPECT_THAT(context.org_names, ElementsAre("Škoda"));
}

TEST(ContextLearner, LearnsFromEveryAnchorOfALongLine) {
  std::string line;
  for (int i = 0; i < 40; ++i)
    line += "the on-call team retried while the queue drained. ";
  line += "Zorblax reported errors and Quuxcorp asked for an ETA.";
  EXPECT_THAT(learned(line).customers, ElementsAre("Zorblax", "Quuxcorp"));
}

TEST(ContextLearner, LearnsNothingFromTheSameWordsInOtherPhrases) {
  auto context = learned(
      "the on-call team was paged. The database went down 5 minutes later; we lost data "
      "nobody asked for, and users reported errors. The account page opened slowly.\n"
      "The SRE team and the Platform team helped.");
  EXPECT_THAT(context.org_names, IsEmpty());
  EXPECT_THAT(context.customers, IsEmpty());
}

TEST(ContextLearner, LearnsCustomersFromTheCustomerImpactSection) {
  auto context = learned(
      "## Customer impact\n- Sundial Media: 40 minutes of errors\n"
      "- Hooli (EU): none\n## Timeline\n- Later: fixed\n");
  EXPECT_THAT(context.customers, ElementsAre("Sundial Media", "Hooli"));
}

TEST(ContextLearner, FindsAndCutsNamesExactlyAsUnanchoredSearchesAndRegexGroupsDo) {
  const ContextLearner by_rule(ContextLearner::Method::kFast);
  const ContextLearner by_groups(ContextLearner::Method::kReference);
  const std::vector<std::string> pieces = {"Acme",
                                           "Globex Corp",
                                           "\xC5\x8Ckami",
                                           "\xC5\xA0koda",
                                           "O'Brien",
                                           "X-Ray",
                                           "AT&T",
                                           " ",
                                           " ",
                                           " ",
                                           ", and ",
                                           " and ",
                                           "team",
                                           "(account",
                                           " opened",
                                           " support",
                                           " tickets",
                                           " is asking for",
                                           " was impacted",
                                           " down 5 minutes",
                                           " confirmed recovery",
                                           " lost data",
                                           "Organization:",
                                           "Team: ",
                                           "Project",
                                           " Nightjar",
                                           "\n",
                                           "the",
                                           "Later",
                                           ".",
                                           ",",
                                           "fooBar",
                                           "\t"};
  std::mt19937 random(808);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 30);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += pieces[piece(random)];
    DocumentContext a, b;
    auto words = split_words(text);
    by_rule.learn(text, words, names(), a);
    by_groups.learn(text, words, names(), b);
    ASSERT_EQ(a.org_names, b.org_names) << text;
    ASSERT_EQ(a.customers, b.customers) << text;
  }
}

}  // namespace
}  // namespace hindsight::common::anonymizer
