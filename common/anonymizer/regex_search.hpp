// How the pattern engine runs one row's RE2 over a stretch of text. An unanchored RE2 match
// costs a forward search for its end and a reverse search for its start, and the first match of
// a row in a run builds both searches' DFA states, with the reverse program compiled on the
// way: about 640,000 instructions for a provider-token row (2.7 million for one with an {80,}
// run), against 140,000 and 190,000 anchored. Where every match holds known bytes at a known place,
// RE2 is asked instead at each place they occur, anchored there: the start is then known, the
// reverse search is never built, and the anchored DFA has a handful of states.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
class StringPiece;
}  // namespace re2

namespace hindsight::common::anonymizer {

class TokenPattern;

// The bytes every match of a pattern holds at a known place: one literal, or one for each way
// its start can be spelled (`\b(?:sk|rk|pk)_` gives `sk_`, `rk_` and `pk_`), at the match's start
// or a fixed number of bytes into it (`\b[A-Za-z0-9]{14}\.atlasv1\.`).
struct Opening {
  std::vector<std::string> literals;  // none: not known, or too short to anchor on
  std::size_t offset = 0;             // the bytes of a match before them
  bool at_word_start = false;     // the pattern opens with `\b` and each literal with a word byte
  std::array<bool, 256> opens{};  // the literals' first bytes
};

// A leading `\b` is passed over (it only narrows where a match starts), then the literal bytes
// up to the first operator are taken, less one that a quantifier makes optional. A small class
// (`[0-3]`) or a group that follows unrepeated is spelled out, a literal for each member or
// alternative, and an optional group both with and without it. Where that gives a literal of
// fewer than two bytes, the literals that follow a head of one width (plain classes and `\d`,
// each once or counted, `[a-f0-9]{36}NRAL`) are taken instead, with that width as the offset.
// Nothing is taken from a pattern with a top-level `|`.
Opening opening_of(std::string_view pattern);

// One row's search over one stretch of text, [0, `to`) of `text` read from a given position.
// `next(pos, groups, count)` is the leftmost-first match that starts at or after `pos`, as
// `RE2::Match(text, pos, to, UNANCHORED, groups, count)` finds it. With the opening known, it
// is the first match found anchored where one of the opening's occurrences puts a start. An
// anchored call that fails may have read far (after each `eyJ-` of `eyJ-eyJ-...` with no `.`, to
// the end of the run), so after a few such calls the rest of the stretch is searched unanchored,
// which keeps the search linear whatever the stretch holds.
//
// A row of the token shape (`token`, not null) is matched by hand at each opening when only the
// whole match is asked for; its RE2, which `regex` compiles when first called, is then needed
// only after the failed calls.
class RegexSearch {
 public:
  using RegexOf = std::function<const re2::RE2&()>;
  RegexSearch(RegexOf regex, const Opening& opening, const TokenPattern* token,
              std::string_view text, std::size_t to)
      : regex_(std::move(regex)), opening_(opening), token_(token), text_(text), to_(to) {}

  bool next(std::size_t pos, re2::StringPiece* groups, int count);

 private:
  // The start of the next match that can be, at or after `from`: where one of the literals
  // occurs whole before `to`, `offset` bytes before it.
  std::size_t next_opening(std::size_t from) const;
  // The match anchored at `at`, if there is one.
  bool matches_at(std::size_t at, re2::StringPiece* groups, int count);

  RegexOf regex_;
  const Opening& opening_;
  const TokenPattern* token_;
  std::string_view text_;
  std::size_t to_;
  int failed_calls_left_ = 16;
};

}  // namespace hindsight::common::anonymizer
