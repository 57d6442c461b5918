// Token-shaped patterns matched by hand where a match's start is known. Most provider-token rows
// are literal bytes, runs of an ASCII class with counts (`[a-f0-9]{40}`, `[A-Za-z0-9_-]{20,}`),
// groups of alternatives (optional ones too) and `\b`. For each, RE2 compiles a program the first
// time the row is asked (a counted run becomes that many instructions) and builds a DFA state for
// every byte of a run on its first match: one-time work that a run of fresh documents pays for
// every row it meets. Read as a sequence of steps, such a pattern is matched in one pass over the
// token.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace hindsight::common::anonymizer {

class TokenPattern {
 public:
  // The pattern read as a token shape, or nullopt where it is not one (RE2 is asked then). It is
  // one only where each run can end only where its bytes do: what may follow a run never opens
  // with one of its bytes, and a `\b` after it follows a run of at least one byte, all of them
  // word bytes (or none). Then no shorter run can lead to a match, and the greedy reading is
  // RE2's.
  static std::optional<TokenPattern> read(std::string_view pattern);

  // The end of the leftmost-first match that starts at `pos`, as RE2 finds it anchored there in
  // [pos, `to`) of `text` (whose byte at `to` a `\b` still reads), or npos.
  std::size_t match_at(std::string_view text, std::size_t pos, std::size_t to) const;

  struct Step {
    bool boundary = false;  // `\b`, which reads no byte
    std::bitset<256> bytes;
    std::size_t min = 1;
    std::size_t max = 1;
  };
  using Sequence = std::vector<Step>;

 private:
  // Each alternative spelled out (`a(?:b|c)d` is `abd`, then `acd`; `a(?:b)?c` is `abc`, then
  // `ac`), in RE2's order of preference.
  std::vector<Sequence> sequences_;
};

}  // namespace hindsight::common::anonymizer
