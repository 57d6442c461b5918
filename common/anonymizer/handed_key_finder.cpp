#include "common/anonymizer/handed_key_finder.hpp"

#include <algorithm>
#include <array>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using finder::npos;

constexpr std::size_t kMinKeyCharacters = 16;

// The phrases in the pattern's order, which decides between those that open at one place
// (`use this one`, `use this`, `use`); "\xE2\x80\x99" is `’`.
constexpr std::array<std::string_view, 22> kPhrases = {"it's",
                                                       "it\xE2\x80\x99s",
                                                       "its",
                                                       "it is",
                                                       "use this one",
                                                       "use this",
                                                       "use",
                                                       "try",
                                                       "here it is",
                                                       "here's",
                                                       "here\xE2\x80\x99s",
                                                       "heres",
                                                       "pw is",
                                                       "pass is",
                                                       "password is",
                                                       "key is",
                                                       "secret is",
                                                       "token is",
                                                       "passphrase is",
                                                       "new one is",
                                                       "changed it to",
                                                       "set it to"};
constexpr bool is_one_word(std::string_view phrase) {
  return std::all_of(phrase.begin(), phrase.end(), finder::is_letter);
}
// The word a phrase ends with: after its last space or quote, the whole of a one-word phrase.
constexpr std::string_view last_word(std::string_view phrase) {
  std::size_t cut = 0;
  for (std::size_t i = 0; i < phrase.size(); ++i)
    if (!finder::is_letter(phrase[i])) cut = i + 1;
  return phrase.substr(cut);
}

// The one-word phrases, which may sit inside a run of key characters after a `+`, `/` or `-`
// (`\b` holds there) and be glued to the key, by their place in kPhrases.
constexpr auto kOneWordPhrases = [] {
  std::array<std::size_t, std::count_if(kPhrases.begin(), kPhrases.end(), is_one_word)> found{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < kPhrases.size(); ++i)
    if (is_one_word(kPhrases[i])) found[n++] = i;
  return found;
}();
// The bytes those open with, in either case.
constexpr std::array<bool, 256> kOneWordOpens = [] {
  std::array<bool, 256> table{};
  for (std::size_t i : kOneWordPhrases) {
    table[static_cast<unsigned char>(kPhrases[i][0])] = true;
    table[static_cast<unsigned char>(kPhrases[i][0] - 'a' + 'A')] = true;
  }
  return table;
}();
// The last words of the other phrases, each once: glued to a key, each opens the key's run.
struct Words {
  std::array<std::string_view, kPhrases.size()> words{};
  std::size_t count = 0;
  constexpr const std::string_view* begin() const { return words.data(); }
  constexpr const std::string_view* end() const { return words.data() + count; }
};
constexpr Words kLastWords = [] {
  Words last;
  for (auto phrase : kPhrases)
    if (!is_one_word(phrase) &&
        std::find(last.begin(), last.end(), last_word(phrase)) == last.end())
      last.words[last.count++] = last_word(phrase);
  return last;
}();

// `[A-Za-z0-9+/_-]`: the key's ASCII characters.
constexpr bool is_key_byte(char c) {
  return is_ascii_alnum(c) || c == '+' || c == '/' || c == '_' || c == '-';
}

// The key's bytes and those of U+017F and U+212A: a run of key characters is a run of these.
constexpr std::array<bool, 256> kMayBeKey = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c)
    table[static_cast<std::size_t>(c)] = is_key_byte(static_cast<char>(c));
  for (auto folding : {finder::kLongS, finder::kKelvin})
    for (char c : folding)
      table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool may_be_key(char c) {
  return kMayBeKey[static_cast<unsigned char>(c)];
}

// The byte length of the key character at `at`, 0 if there is none.
std::size_t key_char_length(std::string_view text, std::size_t at) {
  return finder::folded_char_at(text, at, is_key_byte);
}

// A run of key characters; most hold only ASCII ones, whose characters are their bytes.
struct KeyRun {
  std::size_t start;
  std::size_t end;
  bool ascii;
  std::size_t characters_from(std::string_view text, std::size_t from) const {
    if (ascii) return end - from;
    std::size_t count = 0;
    for (std::size_t at = from; at < end; at += key_char_length(text, at))
      ++count;
    return count;
  }
};

// Where a phrase ends for a key at `key`: before an optional quote, blanks, an optional `:`
// and blanks. None of these bytes ends a phrase, so the reading back has no choice.
std::size_t phrase_end_before(std::string_view text, std::size_t key) {
  std::size_t at = key;
  if (at > 0 && (text[at - 1] == '`' || text[at - 1] == '\'' || text[at - 1] == '"')) --at;
  at = finder::run_start(text, at, 0, finder::is_blank);
  if (at > 0 && text[at - 1] == ':') at = finder::run_start(text, at - 1, 0, finder::is_blank);
  return at;
}

// A phrase that hands a key over: where it starts, which it is, where its key starts.
struct Handing {
  std::size_t start = npos;
  std::size_t phrase = 0;
  std::size_t key = 0;
  // RE2's choice between two: the leftmost, then the earlier phrase.
  bool before(const Handing& other) const {
    return start < other.start || (start == other.start && phrase < other.phrase);
  }
};

// The match whose key lies in `run`: its phrase ends before the run, or is glued to the key as
// the run's first word, or (one word) opens after a `+`, `/` or `-` in the run. A match in an
// earlier run starts earlier, as no phrase holds sixteen key characters in a row.
bool key_in_run(std::string_view text, std::size_t pos, const KeyRun& run, std::size_t& start,
                std::size_t& end) {
  Handing best;
  auto consider = [&](std::size_t phrase_end, std::size_t key) {
    if (phrase_end == 0 || run.characters_from(text, key) < kMinKeyCharacters) return;
    // Only the phrases that end in the byte before, or in U+017F for `s`.
    char last = ascii_lower(text[phrase_end - 1]);
    if (last == finder::kLongS.back()) last = 's';
    for (std::size_t i = 0; i < kPhrases.size(); ++i) {
      if (kPhrases[i].back() != last) continue;
      std::size_t length = finder::folded_word_length_before(text, phrase_end, kPhrases[i]);
      if (length == 0) continue;
      Handing found{phrase_end - length, i, key};
      if (found.start >= pos && finder::word_boundary(text, found.start) && found.before(best))
        best = found;
    }
  };
  if (std::size_t phrase_end = phrase_end_before(text, run.start); phrase_end < run.start)
    consider(phrase_end, run.start);
  for (auto word : kLastWords)
    if (std::size_t length = finder::folded_word_length(text, run.start, word))
      consider(run.start + length, run.start + length);
  // The phrases above start before the run, these in it.
  for (std::size_t at = std::max(run.start, pos); best.start == npos && at < run.end;
       at += run.ascii ? 1 : key_char_length(text, at)) {
    if (!kOneWordOpens[static_cast<unsigned char>(text[at])] || !finder::word_boundary(text, at))
      continue;
    for (std::size_t i : kOneWordPhrases)
      if (std::size_t length = finder::folded_word_length(text, at, kPhrases[i])) {
        if (run.characters_from(text, at + length) >= kMinKeyCharacters)
          best = {at, i, at + length};
        break;
      }
  }
  if (best.start == npos) return false;
  start = best.key;
  end = run.end;
  for (int pad = 0; pad < 2 && end < text.size() && text[end] == '='; ++pad)
    ++end;
  return true;
}

}  // namespace

bool find_handed_over_key(std::string_view text, std::size_t pos, std::size_t& start,
                          std::size_t& end) {
  return finder::probe_runs(
      text, pos, kMinKeyCharacters, may_be_key, [&](std::size_t first, std::size_t last) {
        // A stretch that opens at `pos` may continue a run from before it.
        std::size_t at = first == pos ? finder::run_start(text, first, 0, may_be_key) : first;
        if (last - at < kMinKeyCharacters) return false;
        while (at < last) {
          KeyRun run{at, at, true};
          std::size_t count = 0;
          for (std::size_t length; (length = key_char_length(text, run.end)) > 0;
               run.end += length) {
            ++count;
            run.ascii = run.ascii && length == 1;
          }
          if (run.end == at) {
            ++at;  // a byte of some other character
            continue;
          }
          if (count >= kMinKeyCharacters && key_in_run(text, pos, run, start, end)) return true;
          at = run.end;
        }
        return false;
      });
}

}  // namespace hindsight::common::anonymizer
