// First and last names of many locales, the common words and proper nouns of English, generated at
// build time from Debian's ruby-faker and wamerican (never typed in by hand). Built once, shared.
#pragma once

#include <string_view>

#include "common/anonymizer/word_set.hpp"

namespace hindsight::common::anonymizer {

class Gazetteer {
 public:
  Gazetteer();

  bool is_first_name(std::string_view word) const { return first_.contains(word); }
  bool is_last_name(std::string_view word) const { return last_.contains(word); }
  bool is_name(std::string_view word) const { return is_first_name(word) || is_last_name(word); }
  // `word` in any case is a common English word ("page", "will", "service").
  bool is_common_word(std::string_view word) const;
  // `word`, as spelled, is a proper noun of English ("July", "Cassandra", "Kafka").
  bool is_proper_word(std::string_view word) const { return proper_.contains(word); }

 private:
  WordSet first_;
  WordSet last_;
  WordSet common_;
  WordSet proper_;
};

}  // namespace hindsight::common::anonymizer
