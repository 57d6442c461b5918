#include "common/anonymizer/gazetteer.hpp"

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace generated {
std::string_view first_names();
std::string_view last_names();
std::string_view common_words();
std::string_view proper_words();
}  // namespace generated

Gazetteer::Gazetteer()
    : first_(generated::first_names()),
      last_(generated::last_names()),
      common_(generated::common_words()),
      proper_(generated::proper_words()) {}

bool Gazetteer::is_common_word(std::string_view word) const {
  // Folded on the stack: this runs for most words of every text.
  char lower[64];
  if (word.size() > sizeof(lower)) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    lower[i] = ascii_lower(word[i]);
  return common_.contains(std::string_view(lower, word.size()));
}

}  // namespace hindsight::common::anonymizer
