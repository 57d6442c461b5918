#include "anonymizer/person_detector.hpp"

#include <array>
#include <unordered_set>

namespace hindsight::common::anonymizer {
namespace {

std::string_view word_text(std::string_view text, const Word& w) {
  return text.substr(w.start, w.end - w.start);
}

// Cues after which a capitalized word is a person even when no list knows the name.
constexpr std::array<std::string_view, 16> kStrongCues = {
    "paged", "page",     "ic",       "owner",    "cc",      "thanks", "thank", "pinged",
    "ping",  "assignee", "reporter", "reported", "authors", "author", "dear",  "hi"};
// Weaker cues: the word must also be a known given name or surname.
constexpr std::array<std::string_view, 8> kWeakCues = {"by",  "from", "with", "to",
                                                       "and", "in",   "per",  "asked"};

template <typename List>
bool in_list(const List& list, std::string_view lower) {
  for (auto item : list)
    if (item == lower) return true;
  return false;
}

// Words separated by one space (a name's parts), not by punctuation or a line break.
bool adjacent(std::string_view text, const Word& a, const Word& b) {
  return b.start == a.end + 1 && text[a.end] == ' ';
}

}  // namespace

std::string initials_of(std::string_view name) {
  std::string initials;
  for (const auto& w : split_words(name)) {
    char c = name[w.start];
    CodePoint cp = decode_utf8(name, w.start);
    if (cp.value < 0x80) {
      if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) return {};
      initials += static_cast<char>(c >= 'a' ? c - 32 : c);
    } else if (cp.value >= 0xC0 && cp.value <= 0x24F) {
      // Latin letters with diacritics: their base letter is what people type as an initial.
      static constexpr std::string_view kBase =
          "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
      if (cp.value <= 0xFF)
        initials += static_cast<char>(std::toupper(kBase[cp.value - 0xC0]));
      else
        return {};
    } else {
      return {};
    }
  }
  return initials.size() >= 2 && initials.size() <= 3 ? initials : std::string();
}

bool PersonDetector::is_given_name(std::string_view text, const Word& word) const {
  auto token = word_text(text, word);
  return word.capitalized && !word.all_upper && !word.has_digit && names_.is_first_name(token) &&
         !names_.is_common_word(token);
}

bool PersonDetector::is_name_like(std::string_view text, const Word& word) const {
  auto token = word_text(text, word);
  if (!word.capitalized || word.has_digit || token.size() < 2) return false;
  if (word.all_upper && token.size() > 1) return false;  // acronyms
  if (names_.is_name(token)) return !names_.is_common_word(token);
  return !names_.is_common_word(token);
}

void PersonDetector::scan_cjk(std::string_view text, const Word& word,
                              std::vector<Finding>& out) const {
  // A run of 2-4 ideographs that starts with a gazetteer surname.
  std::vector<std::size_t> offsets;
  for (std::size_t pos = word.start; pos < word.end; pos += decode_utf8(text, pos).length)
    offsets.push_back(pos);
  offsets.push_back(word.end);
  std::size_t chars = offsets.size() - 1;
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
    for (std::size_t surname = 1; surname <= 2 && i + surname < offsets.size(); ++surname) {
      auto family = text.substr(offsets[i], offsets[i + surname] - offsets[i]);
      if (!names_.is_last_name(family)) continue;
      for (std::size_t given = 2; given >= 1; --given) {
        std::size_t stop = i + surname + given;
        if (stop >= offsets.size()) continue;
        auto first = text.substr(offsets[i + surname], offsets[stop] - offsets[i + surname]);
        bool whole_run = i == 0 && stop == chars;
        if (names_.is_first_name(first) || whole_run) {
          out.push_back({EntityType::kPerson, offsets[i], offsets[stop]});
          return;
        }
      }
    }
  }
}

void PersonDetector::scan(std::string_view text, const std::vector<Word>& words,
                          const std::vector<std::string>& known_names,
                          std::vector<Finding>& out) const {
  std::unordered_set<std::string> initials;
  for (const auto& name : known_names) {
    auto i = initials_of(name);
    if (!i.empty()) initials.insert(i);
  }
  std::size_t i = 0;
  while (i < words.size()) {
    const Word& w = words[i];
    if (w.cjk) {
      scan_cjk(text, w, out);
      ++i;
      continue;
    }
    std::size_t end_index = i;  // exclusive end of the name's words, when one is found
    bool given = is_given_name(text, w);
    // Title-case sequence: a gazetteer name followed by one or two name-like words.
    if (given || (w.capitalized && names_.is_last_name(word_text(text, w)) &&
                  !names_.is_common_word(word_text(text, w)))) {
      std::size_t j = i + 1;
      while (j < words.size() && j < i + 3 && adjacent(text, words[j - 1], words[j]) &&
             is_name_like(text, words[j]))
        ++j;
      bool second_known = j > i + 1 && (names_.is_name(word_text(text, words[i + 1])));
      if (j > i + 1 && (given || second_known)) end_index = j;
    }
    // A cue word before a capitalized word.
    if (end_index == i && i > 0 && w.capitalized && !w.all_upper && !w.has_digit) {
      std::string cue = ascii_lowercase(word_text(text, words[i - 1]));
      auto token = word_text(text, w);
      bool strong = in_list(kStrongCues, cue) && !names_.is_common_word(token);
      bool weak = in_list(kWeakCues, cue) && names_.is_name(token) && !names_.is_common_word(token);
      if (strong || weak) {
        std::size_t j = i + 1;
        while (j < words.size() && j < i + 3 && adjacent(text, words[j - 1], words[j]) &&
               is_name_like(text, words[j]))
          ++j;
        end_index = j;
      }
    }
    // A lone given name that no dictionary calls a word.
    if (end_index == i && given && word_text(text, w).size() >= 3) end_index = i + 1;
    if (end_index > i) {
      out.push_back({EntityType::kPerson, w.start, words[end_index - 1].end});
      i = end_index;
      continue;
    }
    ++i;
  }
  // Initials of the people known or found in this text ("AZ", "TVH").
  std::vector<std::string> found_names;
  for (const auto& f : out)
    if (f.type == EntityType::kPerson) found_names.emplace_back(text.substr(f.start, f.size()));
  for (const auto& name : found_names) {
    auto i2 = initials_of(name);
    if (!i2.empty()) initials.insert(i2);
  }
  if (initials.empty()) return;
  for (const auto& word : words) {
    if (!word.all_upper || word.has_digit || word.end - word.start > 3) continue;
    if (initials.count(std::string(word_text(text, word))) > 0)
      out.push_back({EntityType::kPerson, word.start, word.end});
  }
}

}  // namespace hindsight::common::anonymizer
