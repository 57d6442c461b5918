#include "anonymizer/long_word_finder.hpp"

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

constexpr std::size_t kMinBody = 20;
constexpr std::size_t kMaxPadding = 2;

bool in_body(char c) {
  return is_ascii_alnum(c) || c == '+' || c == '/' || c == '_' || c == '-';
}

bool in_word(char c) {
  return in_body(c) || c == '.' || c == '=';
}

}  // namespace

bool find_long_word(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  std::size_t i = pos;
  while (i < text.size()) {
    // `^` holds only where the text starts; otherwise the match opens with the character before
    // the group, which must lie at or after `pos`. A non-ASCII byte belongs to such a character.
    bool boundary = i == 0 || (i > pos && !in_word(text[i - 1]));
    if (!boundary || !is_ascii_alnum(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && in_body(text[j]))
      ++j;
    if (j - i >= kMinBody) {
      std::size_t padding = 0;
      while (j < text.size() && text[j] == '=' && padding < kMaxPadding) {
        ++j;
        ++padding;
      }
      start = i;
      end = j;
      return true;
    }
    i = j;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
