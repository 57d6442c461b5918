#include "common/anonymizer/gazetteer.hpp"

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace generated {
std::string_view first_names();
std::string_view last_names();
std::string_view common_words();
std::string_view proper_words();
std::string_view first_names_table();
std::string_view last_names_table();
std::string_view common_words_table();
std::string_view proper_words_table();
}  // namespace generated

Gazetteer::Gazetteer()
    : first_(generated::first_names(), generated::first_names_table()),
      last_(generated::last_names(), generated::last_names_table()),
      common_(generated::common_words(), generated::common_words_table()),
      proper_(generated::proper_words(), generated::proper_words_table()) {}

bool Gazetteer::is_common_word(std::string_view word) const {
  // Folded on the stack: this runs for most words of every text.
  char lower[64];
  if (word.size() > sizeof(lower)) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    lower[i] = ascii_lower(word[i]);
  return common_.contains(std::string_view(lower, word.size()));
}

}  // namespace hindsight::common::anonymizer
