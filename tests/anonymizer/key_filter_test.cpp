// The quick reject in front of the anonymizer's hash lookups: never rejects a key it holds (in
// any ASCII case), and rejects words whose length no key with their first letter has.
#include "common/anonymizer/key_filter.hpp"

#include <gtest/gtest.h>

namespace hindsight::common::anonymizer {
namespace {

TEST(KeyFilter, KeepsEveryKeyItHoldsInAnyCase) {
  KeyFilter filter;
  for (const char* key : {"team", "Project", "hinoue", "x"})
    filter.add(key);
  for (const char* word : {"team", "TEAM", "project", "Project", "HINOUE", "x", "X"})
    EXPECT_TRUE(filter.may_contain(word)) << word;
  EXPECT_TRUE(filter.may_start_with('P'));
  EXPECT_TRUE(filter.may_start_with('h'));
}

TEST(KeyFilter, RejectsOtherLengthsAndFirstLetters) {
  KeyFilter filter;
  filter.add("team");
  EXPECT_FALSE(filter.may_contain("teams"));  // another length
  EXPECT_FALSE(filter.may_contain("beam"));   // another first letter
  EXPECT_FALSE(filter.may_contain(""));
  EXPECT_FALSE(filter.may_start_with('b'));
}

TEST(KeyFilter, RejectsALengthThatOnlyKeysOfAnotherFirstLetterHave) {
  KeyFilter filter;
  filter.add("Org");
  filter.add("team");
  EXPECT_FALSE(filter.may_contain("the"));  // three bytes, but no three-byte key starts with t
  EXPECT_FALSE(filter.may_contain("orgs"));
  EXPECT_TRUE(filter.may_contain("ORG"));
}

TEST(KeyFilter, KeysLongerThanSixtyThreeBytesShareOneLength) {
  KeyFilter filter;
  filter.add(std::string(80, 'a'));
  EXPECT_TRUE(filter.may_contain(std::string(100, 'a')));
  EXPECT_FALSE(filter.may_contain(std::string(62, 'a')));
}

}  // namespace
}  // namespace hindsight::common::anonymizer
