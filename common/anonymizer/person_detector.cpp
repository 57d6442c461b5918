#include "common/anonymizer/person_detector.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <unordered_set>

#include "common/anonymizer/key_filter.hpp"
#include "common/anonymizer/string_hash.hpp"

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

// `word` in any ASCII case is one of the (lower-case) `list`.
template <typename List>
bool in_list(const List& list, std::string_view word) {
  for (auto item : list)
    if (iequals_ascii(item, word)) return true;
  return false;
}

// Words separated by one space (a name's parts), not by punctuation or a line break.
bool adjacent(std::string_view text, const Word& a, const Word& b) {
  return b.start == a.end + 1 && text[a.end] == ' ';
}

// Gazetteer facts of each word of one text, looked up at most once: the rules below ask about
// a capitalized word several times.
class WordFacts {
 public:
  WordFacts(const Gazetteer& names, std::string_view text, const std::vector<Word>& words)
      : names_(names),
        text_(text),
        words_(words),
        asked_(words.size(), 0),
        facts_(words.size(), 0) {}

  bool first(const Word& w) { return fact(w, kFirst); }
  bool last(const Word& w) { return fact(w, kLast); }
  bool name(const Word& w) { return first(w) || last(w); }
  bool common(const Word& w) { return fact(w, kCommon); }
  bool proper(const Word& w) { return fact(w, kProper); }

 private:
  enum : std::uint8_t { kFirst = 1, kLast = 2, kCommon = 4, kProper = 8 };
  bool fact(const Word& w, std::uint8_t bit) {
    auto index = static_cast<std::size_t>(&w - words_.data());
    if ((asked_[index] & bit) == 0) {
      asked_[index] |= bit;
      auto token = word_text(text_, w);
      bool value = bit == kFirst    ? names_.is_first_name(token)
                   : bit == kLast   ? names_.is_last_name(token)
                   : bit == kCommon ? names_.is_common_word(token)
                                    : names_.is_proper_word(token);
      if (value) facts_[index] |= bit;
    }
    return (facts_[index] & bit) != 0;
  }

  const Gazetteer& names_;
  std::string_view text_;
  const std::vector<Word>& words_;
  std::vector<std::uint8_t> asked_;
  std::vector<std::uint8_t> facts_;
};

bool is_given_name(WordFacts& facts, const Word& word) {
  return word.capitalized && !word.all_upper && !word.has_digit && facts.first(word) &&
         !facts.common(word);
}

bool is_name_like(WordFacts& facts, const Word& word) {
  if (!word.capitalized || word.has_digit || word.end - word.start < 2) return false;
  if (word.all_upper) return false;  // acronyms
  return !facts.common(word);
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
  std::size_t first_found = out.size();
  WordFacts facts(names_, text, words);
  std::size_t i = 0;
  while (i < words.size()) {
    const Word& w = words[i];
    if (w.cjk) {
      scan_cjk(text, w, out);
      ++i;
      continue;
    }
    auto token = word_text(text, w);
    std::size_t end_index = i;  // exclusive end of the name's words, when one is found
    bool given = is_given_name(facts, w);
    bool family = w.capitalized && !w.all_upper && facts.last(w) && !facts.common(w);
    // Title-case sequence: a gazetteer name followed by one or two name-like words, or any
    // capitalized word followed by a gazetteer surname ("Amara Nwosu").
    if (i + 1 < words.size() && adjacent(text, w, words[i + 1]) && w.capitalized && !w.all_upper &&
        !w.has_digit) {
      const Word& next = words[i + 1];
      bool next_known = next.capitalized && !next.all_upper && !next.has_digit && facts.name(next);
      bool next_family = next_known && facts.last(next) && !facts.common(next);
      bool self_plain = !facts.common(w) && !facts.proper(w);
      if (((given || family) && (next_known || is_name_like(facts, next))) ||
          (self_plain && next_family)) {
        std::size_t j = i + 2;
        while (j < words.size() && j < i + 3 && adjacent(text, words[j - 1], words[j]) &&
               (is_name_like(facts, words[j]) || (words[j].capitalized && facts.name(words[j]))))
          ++j;
        end_index = j;
      }
    }
    // A cue word before a capitalized word.
    if (end_index == i && i > 0 && w.capitalized && !w.all_upper && !w.has_digit) {
      auto cue = word_text(text, words[i - 1]);
      auto plain = [&](const Word& word) {
        return word.capitalized && !word.all_upper && !word.has_digit && !facts.common(word) &&
               !facts.proper(word);
      };
      bool strong = in_list(kStrongCues, cue) && !facts.common(w);
      bool weak = in_list(kWeakCues, cue) && plain(w) &&
                  (facts.name(w) || (i + 1 < words.size() && adjacent(text, w, words[i + 1]) &&
                                     plain(words[i + 1])));
      if (strong || weak) {
        // After a strong cue, the next capitalized word is part of the name whatever it means.
        std::size_t j = i + 1;
        while (j < words.size() && j < i + 3 && adjacent(text, words[j - 1], words[j]) &&
               (is_name_like(facts, words[j]) ||
                (strong && words[j].capitalized && !words[j].all_upper && !words[j].has_digit)))
          ++j;
        end_index = j;
      }
    }
    // A lone given name that English uses for nothing else.
    if (end_index == i && given && token.size() >= 3 && !facts.proper(w)) end_index = i + 1;
    if (end_index > i) {
      out.push_back({EntityType::kPerson, w.start, words[end_index - 1].end});
      i = end_index;
      continue;
    }
    ++i;
  }
  // Names found once are found everywhere: in full, by one part, or by their initials.
  std::vector<std::string> found(known_names);
  for (std::size_t k = first_found; k < out.size(); ++k)
    found.emplace_back(text.substr(out[k].start, out[k].size()));
  std::unordered_set<std::string, StringHash, std::equal_to<>> parts;
  std::unordered_set<std::string, StringHash, std::equal_to<>> initials;
  KeyFilter may_be_part;  // most capitalized words are neither, and are never hashed
  for (const auto& name : found) {
    auto split = split_words(name);
    if (split.size() < 2) continue;
    auto i2 = initials_of(name);
    if (!i2.empty()) {
      may_be_part.add(i2);
      initials.insert(i2);
    }
    for (const auto& part : split) {
      auto piece = std::string_view(name).substr(part.start, part.end - part.start);
      if (piece.size() >= 3 && !names_.is_common_word(piece)) {
        may_be_part.add(piece);
        parts.emplace(piece);
      }
    }
  }
  for (const auto& word : words) {
    auto token = word_text(text, word);
    if (!may_be_part.may_contain(token)) continue;
    bool initial = word.all_upper && !word.has_digit && token.size() <= 3 &&
                   initials.find(token) != initials.end();
    if (initial || (word.capitalized && parts.find(token) != parts.end()))
      out.push_back({EntityType::kPerson, word.start, word.end});
  }
}

}  // namespace hindsight::common::anonymizer
