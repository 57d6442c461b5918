#include "anonymizer/gazetteer.hpp"

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace generated {
std::string_view first_names();
std::string_view last_names();
std::string_view common_words();
std::string_view proper_words();
}  // namespace generated

namespace {

// The generated lists are newline-separated views into static storage.
std::unordered_set<std::string_view> load(std::string_view list) {
  std::unordered_set<std::string_view> set;
  set.reserve(list.size() / 6);
  std::size_t start = 0;
  while (start < list.size()) {
    auto end = list.find('\n', start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start) set.insert(list.substr(start, end - start));
    start = end + 1;
  }
  return set;
}

}  // namespace

Gazetteer::Gazetteer()
    : first_(load(generated::first_names())),
      last_(load(generated::last_names())),
      common_(load(generated::common_words())),
      proper_(load(generated::proper_words())) {}

bool Gazetteer::is_common_word(std::string_view word) const {
  // Folded on the stack: this runs for most words of every text.
  char lower[64];
  if (word.size() > sizeof(lower)) return false;
  for (std::size_t i = 0; i < word.size(); ++i) lower[i] = ascii_lower(word[i]);
  return common_.count(std::string_view(lower, word.size())) > 0;
}

}  // namespace hindsight::common::anonymizer
