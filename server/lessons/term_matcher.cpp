#include "lessons/term_matcher.hpp"

#include <string>

namespace hindsight::server {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = lower(c);
  return out;
}

char32_t decode(std::string_view text, std::size_t pos) {
  auto c = static_cast<unsigned char>(text[pos]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n && pos + k < text.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
  return cp;
}

bool is_word(char32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  // Latin-1 punctuation, general punctuation (’ “ — …) and CJK punctuation separate words.
  return !(cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F));
}

bool word_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  std::size_t lead = pos - 1;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80)
    --lead;
  return is_word(decode(text, lead));
}

bool word_after(std::string_view text, std::size_t pos) {
  return pos < text.size() && is_word(decode(text, pos));
}

}  // namespace

bool iequals_ascii_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::vector<std::pair<std::size_t, std::size_t>> find_whole_words(std::string_view text,
                                                                  std::string_view term) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (term.empty()) return out;
  std::string haystack = lowercase(text);
  std::string needle = lowercase(term);
  // A term that begins or ends with punctuation needs no word boundary on that side.
  bool check_start = word_after(term, 0);
  bool check_end = word_before(term, term.size());
  for (auto at = haystack.find(needle); at != std::string::npos;) {
    std::size_t end = at + needle.size();
    if ((!check_start || !word_before(text, at)) && (!check_end || !word_after(text, end))) {
      out.emplace_back(at, end);
      at = haystack.find(needle, end);
    } else {
      at = haystack.find(needle, at + 1);
    }
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> find_exact(std::string_view text,
                                                            std::string_view term) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (term.empty()) return out;
  for (auto at = text.find(term); at != std::string_view::npos;
       at = text.find(term, at + term.size()))
    out.emplace_back(at, at + term.size());
  return out;
}

}  // namespace hindsight::server
