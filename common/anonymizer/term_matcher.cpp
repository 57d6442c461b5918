#include "common/anonymizer/term_matcher.hpp"

#include <string>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

// The detectors' word characters, plus '_' so a term never matches inside an identifier.
bool is_word(char32_t cp) {
  return cp == '_' || is_word_code_point(cp);
}

bool word_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  std::size_t lead = pos - 1;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80)
    --lead;
  return is_word(decode_utf8(text, lead).value);
}

bool word_after(std::string_view text, std::size_t pos) {
  return pos < text.size() && is_word(decode_utf8(text, pos).value);
}

}  // namespace

WholeWordSearch::WholeWordSearch(std::string_view text) : text_(text), folded_(fold_case(text)) {}

ByteRanges WholeWordSearch::find(std::string_view term) const {
  ByteRanges out;
  if (term.empty()) return out;
  std::string needle = fold_case(term);
  // A term that begins or ends with punctuation needs no word boundary on that side.
  bool check_start = word_after(term, 0);
  bool check_end = word_before(term, term.size());
  for (auto at = folded_.find(needle); at != std::string::npos;) {
    std::size_t end = at + needle.size();
    if ((!check_start || !word_before(text_, at)) && (!check_end || !word_after(text_, end))) {
      out.emplace_back(at, end);
      at = folded_.find(needle, end);
    } else {
      at = folded_.find(needle, at + 1);
    }
  }
  return out;
}

ByteRanges find_exact(std::string_view text, std::string_view term) {
  ByteRanges out;
  if (term.empty()) return out;
  for (auto at = text.find(term); at != std::string_view::npos;
       at = text.find(term, at + term.size()))
    out.emplace_back(at, at + term.size());
  return out;
}

}  // namespace hindsight::common::anonymizer
