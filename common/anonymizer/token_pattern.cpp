#include "common/anonymizer/token_pattern.hpp"

#include "common/anonymizer/finder_support.hpp"
#include "common/anonymizer/pattern_syntax.hpp"

namespace hindsight::common::anonymizer {
namespace {

using Step = TokenPattern::Step;
using Sequence = TokenPattern::Sequence;
using Sequences = std::vector<Sequence>;

// More spelled-out alternatives than this are left to RE2 (prefixed_token has 25).
constexpr std::size_t kMaxSequences = 64;

std::bitset<256> word_bytes() {
  std::bitset<256> bytes;
  for (int c = 0; c < 128; ++c)
    bytes[static_cast<std::size_t>(c)] = finder::is_word(static_cast<char>(c));
  return bytes;
}

// A reader of the token shape's grammar; any other syntax makes it give up (nullopt):
//   alternatives := sequence ('|' sequence)*
//   sequence := ('\b' | '(?:' alternatives ')' '?'? | atom quantifier?)*
//   atom := printable ASCII that is no operator | '\' punctuation | '\d' | '[' ASCII class ']'
//   quantifier := '?' | '*' | '+' | '{n}' | '{n,}' | '{n,m}'
class Reader {
 public:
  explicit Reader(std::string_view pattern) : pattern_(pattern) {}

  bool done() const { return at_ == pattern_.size(); }

  std::optional<Sequences> alternatives() {
    Sequences all;
    for (;;) {
      auto one = sequence();
      if (!one || all.size() + one->size() > kMaxSequences) return std::nullopt;
      all.insert(all.end(), one->begin(), one->end());
      if (!next_is('|')) return all;
      ++at_;
    }
  }

 private:
  bool next_is(char c) const { return at_ < pattern_.size() && pattern_[at_] == c; }

  std::optional<Sequences> sequence() {
    Sequences out(1);
    while (at_ < pattern_.size() && !next_is('|') && !next_is(')')) {
      if (pattern_.substr(at_, 3) == "(?:") {
        at_ += 3;
        auto inner = alternatives();
        if (!inner || !next_is(')')) return std::nullopt;
        ++at_;
        // An optional group is its alternatives, then none of it: RE2's `?` prefers taking it.
        bool optional = next_is('?');
        if (optional) ++at_;
        if (at_ < pattern_.size() && std::string_view("?*+{").find(pattern_[at_]) != npos)
          return std::nullopt;  // a group repeated, or `??` (lazy)
        if (optional) inner->emplace_back();
        if (out.size() * inner->size() > kMaxSequences) return std::nullopt;
        Sequences product;
        for (const auto& head : out)
          for (const auto& tail : *inner) {
            product.push_back(head);
            product.back().insert(product.back().end(), tail.begin(), tail.end());
          }
        out = std::move(product);
        continue;
      }
      auto step = pattern_.substr(at_, 2) == "\\b" ? boundary() : atom();
      if (!step || (!step->boundary && !quantify(*step))) return std::nullopt;
      for (auto& sequence : out)
        sequence.push_back(*step);
    }
    return out;
  }

  std::optional<Step> boundary() {
    at_ += 2;
    Step step;
    step.boundary = true;
    return step;
  }

  std::optional<Step> atom() {
    Step step;
    char c = pattern_[at_];
    if (c == '[') return byte_class();
    if (c == '\\') {
      if (at_ + 1 >= pattern_.size()) return std::nullopt;
      char escaped = pattern_[at_ + 1];
      at_ += 2;
      if (escaped == 'd') {
        for (char digit = '0'; digit <= '9'; ++digit)
          step.bytes[static_cast<unsigned char>(digit)] = true;
        return step;
      }
      if (!is_punctuation(escaped)) return std::nullopt;
      step.bytes[static_cast<unsigned char>(escaped)] = true;
      return step;
    }
    if (c < ' ' || c > '~' || std::string_view("^$.()|?*+{}[]").find(c) != npos)
      return std::nullopt;
    ++at_;
    step.bytes[static_cast<unsigned char>(c)] = true;
    return step;
  }

  std::optional<Step> byte_class() {
    auto klass = ascii_class_at(pattern_.substr(at_));
    if (!klass) return std::nullopt;
    at_ += klass->length;
    Step step;
    step.bytes = klass->bytes;
    return step;
  }

  bool quantify(Step& step) {
    if (at_ >= pattern_.size()) return true;
    char c = pattern_[at_];
    if (c == '?' || c == '*' || c == '+') {
      ++at_;
      step.min = c == '+' ? 1 : 0;
      step.max = c == '?' ? 1 : kUnboundedCount;
    } else if (c == '{') {
      auto counts = counts_at(pattern_.substr(at_));
      if (!counts) return false;
      step.min = counts->min;
      step.max = counts->max;
      at_ += counts->length;
    } else {
      return true;
    }
    return !(next_is('?') || next_is('+') || next_is('*') || next_is('{'));  // lazy, possessive
  }

  static constexpr auto npos = std::string_view::npos;
  std::string_view pattern_;
  std::size_t at_ = 0;
};

// Whether each run of the sequence can end only where its bytes do (see TokenPattern::read).
bool runs_end_where_their_bytes_do(const Sequence& sequence) {
  static const std::bitset<256> kWord = word_bytes();
  for (std::size_t k = 0; k < sequence.size(); ++k) {
    const Step& run = sequence[k];
    if (run.boundary || run.min == run.max) continue;
    for (std::size_t j = k + 1; j < sequence.size(); ++j) {
      const Step& next = sequence[j];
      if (next.boundary) {
        // A shorter run ends between two of its bytes, where `\b` holds only if they differ;
        // an empty one ends where the run starts, where it may hold.
        if (run.min == 0 || ((run.bytes & kWord) != run.bytes && (run.bytes & kWord).any()))
          return false;
        break;
      }
      if ((next.bytes & run.bytes).any()) return false;
      if (next.min > 0) break;
    }
  }
  return true;
}

}  // namespace

std::optional<TokenPattern> TokenPattern::read(std::string_view pattern) {
  Reader reader(pattern);
  auto sequences = reader.alternatives();
  if (!sequences || !reader.done()) return std::nullopt;
  for (const auto& sequence : *sequences)
    if (!runs_end_where_their_bytes_do(sequence)) return std::nullopt;
  TokenPattern token;
  token.sequences_ = std::move(*sequences);
  return token;
}

std::size_t TokenPattern::match_at(std::string_view text, std::size_t pos, std::size_t to) const {
  for (const auto& sequence : sequences_) {
    std::size_t at = pos;
    bool matched = true;
    for (const auto& step : sequence) {
      if (step.boundary) {
        matched = finder::word_boundary(text, at);
      } else {
        std::size_t count = 0;
        while (count < step.max && at < to && step.bytes[static_cast<unsigned char>(text[at])]) {
          ++at;
          ++count;
        }
        matched = count >= step.min;
      }
      if (!matched) break;
    }
    if (matched) return at;
  }
  return std::string_view::npos;
}

}  // namespace hindsight::common::anonymizer
