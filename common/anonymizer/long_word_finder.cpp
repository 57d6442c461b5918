#include "common/anonymizer/long_word_finder.hpp"

#include <array>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using finder::probe_runs;

constexpr std::size_t kMinBody = 20;
constexpr std::size_t kMaxPadding = 2;

// By table: the finder asks this of most bytes of every text.
constexpr std::array<bool, 256> kBody = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = is_ascii_alnum(static_cast<char>(c)) || c == '+' || c == '/' || c == '_' || c == '-';
  return table;
}();

inline bool in_body(char c) {
  return kBody[static_cast<unsigned char>(c)];
}

inline bool in_word(char c) {
  return in_body(c) || c == '.' || c == '=';
}

}  // namespace

bool find_long_word(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // Only the first byte of a run of body bytes can open a match, since every other one follows
  // a body byte.
  return probe_runs(text, pos, kMinBody, in_body, [&](std::size_t first, std::size_t last) {
    // `^` holds only where the text starts; otherwise the match opens with the character before
    // the group, which must lie at or after `pos`. A non-ASCII byte belongs to such a character.
    bool boundary = first == 0 || (first > pos && !in_word(text[first - 1]));
    if (!boundary || !is_ascii_alnum(text[first]) || last - first < kMinBody) return false;
    std::size_t padding = 0;
    while (last < text.size() && text[last] == '=' && padding < kMaxPadding) {
      ++last;
      ++padding;
    }
    start = first;
    end = last;
    return true;
  });
}

}  // namespace hindsight::common::anonymizer
