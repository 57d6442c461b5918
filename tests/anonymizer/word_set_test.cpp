// The gazetteer's flat word set answers exactly what a hash set of the same lines would.
#include "common/anonymizer/word_set.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace hindsight::common::anonymizer {
namespace {

TEST(WordSet, HoldsEveryLineOnceAndNothingElse) {
  static const std::string list = "Ana\nAnabel\n\nMüller\nO'Brien\nAna\nvery-long-surname-here\n";
  WordSet set(list);
  EXPECT_EQ(set.size(), 5u);  // the empty line and the second "Ana" add nothing
  for (const char* word : {"Ana", "Anabel", "Müller", "O'Brien", "very-long-surname-here"})
    EXPECT_TRUE(set.contains(word)) << word;
  for (const char* word : {"", "An", "ana", "Anab", "Anabell", "Mulle", "very-long-surname-her"})
    EXPECT_FALSE(set.contains(word)) << word;
}

TEST(WordSet, AgreesWithAHashSetOnManyRandomWords) {
  std::mt19937 random(99);
  std::uniform_int_distribution<int> length(1, 20), letter('a', 'f');
  auto word = [&] {
    std::string w(static_cast<std::size_t>(length(random)), 'a');
    for (auto& c : w)
      c = static_cast<char>(letter(random));
    return w;
  };
  std::string list;
  std::unordered_set<std::string> expected;
  for (int i = 0; i < 5000; ++i) {
    auto w = word();
    expected.insert(w);
    list += w + "\n";
  }
  WordSet set(list);
  EXPECT_EQ(set.size(), expected.size());
  for (int i = 0; i < 20000; ++i) {
    auto w = word();
    ASSERT_EQ(set.contains(w), expected.count(w) > 0) << w;
  }
}

TEST(WordSet, ASetReadFromItsTableAnswersAsTheSetThatWroteIt) {
  static const std::string list = "Ana\nAnabel\n\nMüller\nO'Brien\nAna\nvery-long-surname-here\n";
  WordSet built(list);
  std::string table(built.table());  // as the build embeds it: bytes, copied elsewhere
  WordSet read(list, table);
  EXPECT_EQ(read.size(), built.size());
  for (const char* word : {"Ana", "Anabel", "Müller", "O'Brien", "very-long-surname-here", "", "An",
                           "ana", "Anab", "Mulle", "very-long-surname-her"})
    EXPECT_EQ(read.contains(word), built.contains(word)) << word;
  EXPECT_TRUE(read.contains("Müller"));
  EXPECT_THROW(WordSet(list, std::string_view(table).substr(0, table.size() - 8)),
               std::invalid_argument);
  EXPECT_THROW(WordSet(list, std::string_view(table).substr(0, table.size() - 1)),
               std::invalid_argument);
}

}  // namespace
}  // namespace hindsight::common::anonymizer
