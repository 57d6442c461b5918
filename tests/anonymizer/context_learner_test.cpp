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

TEST(ContextLearner, FindsAndCutsNamesExactlyAsTheCuesRegularExpressionsDo) {
  const ContextLearner by_hand(ContextLearner::Method::kFast);
  const ContextLearner by_regex(ContextLearner::Method::kReference);
  const std::vector<std::string> pieces = {
      "Acme", "Globex Corp", "\xC5\x8Ckami", "\xC5\xA0koda", "O'Brien", "X-Ray", "AT&T", "A",
      "\xC3\x9F",          // ß: a lower-case letter
      "\xD9\xA3",          // Arabic-Indic three: a number
      "\xE2\x82\xAC",      // the euro sign: neither
      "\xF0\x9D\x90\x80",  // mathematical bold capital A: an upper-case letter, four bytes
      "\xC1\x81",          // an overlong "A": not UTF-8
      "\xED\xA0\x80",      // a surrogate: not UTF-8
      "\xC3", "\x80",      // a lead byte alone, a continuation alone
      "_", "7", "-", "&", "'", " ", " ", " ", " ", ", and ", " and ", ",", "team", "teams",
      "(account", "(accounts", " opened", " a", " several", " support", " tickets", " ticket",
      " escalated through", " is asking for", " are asking for", " asked for an ETA",
      " reported errors", " was impacted", " were impacted", " down", " 5", "45", " m", "min",
      " minutes", " h", " hours", "s", " confirmed recovery", " confirms recovery", " lost data",
      // whole phrases of the cues and near misses, which random pieces rarely spell out
      " opened a support ticket", " opened several tickets", " opened support tickets",
      " opened a ticket", " opened tickets", " opened a few tickets", " down 5m", " down 45 min",
      " down 5 minutes", " down 2h", " down 2 hours", " down 5 mins", " down 5 ms", " down 5m_",
      " down m", " down  5 m", " team", " (account 12)", " (account_", "Organization",
      "Organisation", "Company", "Org", "Team", ":", " : ", "\r", "\f", "\t", "Project",
      " Nightjar", "\n", "the", "The", "Later", ".", "fooBar", "xProject"};
  std::mt19937 random(808);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 30);
  int learned_some = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += pieces[piece(random)];
    DocumentContext a, b;
    auto words = split_words(text);
    by_hand.learn(text, words, names(), a);
    by_regex.learn(text, words, names(), b);
    ASSERT_EQ(a.org_names, b.org_names) << text;
    ASSERT_EQ(a.customers, b.customers) << text;
    learned_some += !a.org_names.empty() || !a.customers.empty();
  }
  EXPECT_GT(learned_some, 2000);  // the texts exercise the cues, not only their absence
}

}  // namespace
}  // namespace hindsight::common::anonymizer
