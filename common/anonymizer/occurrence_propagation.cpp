#include "common/anonymizer/occurrence_propagation.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cstdint>
#include <functional>
#include <iterator>
#include <string>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

constexpr std::size_t kMinLength = 4;  // also the width of the prefix key below
constexpr std::size_t kPrefixBits = 4096;

// ASCII case folding by table: the scan below folds every byte of the text.
constexpr std::array<unsigned char, 256> kFolded = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = static_cast<unsigned char>(ascii_lower(static_cast<char>(c)));
  return table;
}();

std::size_t prefix_bit(std::uint32_t key) {
  return (key * 2654435761u) >> 20;  // Fibonacci hashing to 12 bits
}

// The first position from `pos` to `last` whose four folded bytes hash to a set bit, or npos.
// `rolling` holds the three folded bytes before `pos + 3` on entry and the four at the result on
// return. The loop runs over every byte between findings, so all it reads is local: nothing
// is reloaded through a reference on each byte.
std::size_t next_prefix_hit(const char* data, std::size_t pos, std::size_t last,
                            const std::bitset<kPrefixBits>& bits, std::uint32_t& rolling) {
  std::uint32_t key = rolling;
  for (; pos <= last; ++pos) {
    key = (key << 8) | kFolded[static_cast<unsigned char>(data[pos + kMinLength - 1])];
    if (bits[prefix_bit(key)]) {
      rolling = key;
      return pos;
    }
  }
  return std::string_view::npos;
}

// `redacted(i)`: byte i will be replaced by a placeholder, whose brackets glue to nothing.
template <typename Redacted>
bool glued(std::string_view text, std::size_t start, std::size_t end, Redacted redacted) {
  bool left = is_ascii_alnum(text[start]) && start > 0 && is_ascii_alnum(text[start - 1]) &&
              !redacted(start - 1);
  bool right = is_ascii_alnum(text[end - 1]) && end < text.size() && is_ascii_alnum(text[end]) &&
               !redacted(end);
  return left || right;
}

// Every unglued occurrence of `needle` in `haystack` (both already case-folded as wanted).
template <typename Visit, typename Redacted>
void for_each_occurrence(std::string_view haystack, std::string_view needle, Redacted redacted,
                         Visit visit) {
  if (needle.empty() || needle.size() > haystack.size()) return;
  std::boyer_moore_horspool_searcher searcher(needle.begin(), needle.end());
  auto it = std::search(haystack.begin(), haystack.end(), searcher);
  while (it != haystack.end()) {
    auto pos = static_cast<std::size_t>(it - haystack.begin());
    if (!glued(haystack, pos, pos + needle.size(), redacted)) visit(pos);
    it = std::search(it + 1, haystack.end(), searcher);
  }
}

}  // namespace

bool occurs_unglued(std::string_view haystack, std::string_view needle, bool case_sensitive) {
  std::string h = case_sensitive ? std::string(haystack) : ascii_lowercase(haystack);
  std::string n = case_sensitive ? std::string(needle) : ascii_lowercase(needle);
  bool found = false;
  for_each_occurrence(
      h, n, [](std::size_t) { return false; }, [&](std::size_t) { found = true; });
  return found;
}

void add_other_occurrences(std::string_view text, std::vector<Finding>& findings,
                           std::size_t max_distinct) {
  // Distinct texts, case-folded unless a person's name; the first finding's type wins.
  struct Needle {
    std::string_view text;  // as found; compared folded unless exact
    bool exact;
    EntityType type;
  };
  std::vector<Needle> needles;
  // Needles seen so far, by a hash of their compared form (open addressing, at most a quarter
  // full), so telling a repeat costs no copy of the text.
  std::vector<int> seen(
      std::bit_ceil(std::max<std::size_t>(16, 4 * std::min(max_distinct, findings.size()))), -1);
  auto same = [](const Needle& a, std::string_view b, bool exact) {
    return a.exact == exact && (exact ? a.text == b : iequals_ascii(a.text, b));
  };
  for (const auto& f : findings) {
    if (f.size() < kMinLength) continue;
    bool exact = f.type == EntityType::kPerson;
    auto original = text.substr(f.start, f.size());
    std::uint64_t hash = exact ? 1469598103934665603ull : 1099511628211ull;
    for (char c : original)
      hash = (hash ^ static_cast<unsigned char>(exact ? c : ascii_lower(c))) * 1099511628211ull;
    std::size_t slot = hash & (seen.size() - 1);
    while (seen[slot] >= 0 && !same(needles[static_cast<std::size_t>(seen[slot])], original, exact))
      slot = (slot + 1) & (seen.size() - 1);
    if (seen[slot] >= 0) continue;
    seen[slot] = static_cast<int>(needles.size());
    needles.push_back({original, exact, f.type});
    if (needles.size() >= max_distinct) break;
  }
  if (needles.empty()) return;
  // Needles indexed by their first four (folded) bytes: one pass over the text finds them all.
  auto prefix_of = [](std::string_view s) {
    std::uint32_t key = 0;
    for (std::size_t i = 0; i < kMinLength; ++i)
      key = (key << 8) | static_cast<unsigned char>(ascii_lower(s[i]));
    return key;
  };
  std::vector<std::pair<std::uint32_t, std::size_t>> by_prefix;  // sorted; needle order kept
  for (std::size_t k = 0; k < needles.size(); ++k)
    by_prefix.emplace_back(prefix_of(needles[k].text), k);
  std::stable_sort(by_prefix.begin(), by_prefix.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::array<bool, 256> first_bytes{};
  for (const auto& needle : needles)
    first_bytes[static_cast<unsigned char>(ascii_lower(needle.text[0]))] = true;
  // Findings on entry and those added here, each sorted by start and free of overlaps.
  std::vector<Finding> added;
  auto overlaps_any = [](const std::vector<Finding>& sorted, std::size_t start, std::size_t end) {
    auto next = std::lower_bound(sorted.begin(), sorted.end(), start,
                                 [](const Finding& f, std::size_t at) { return f.start < at; });
    if (next != sorted.end() && next->start < end) return true;
    return next != sorted.begin() && std::prev(next)->end > start;
  };
  // One bit per hash of each needle's first four folded bytes; the rolling key of the text's
  // next four bytes skips most positions with one table test.
  std::bitset<kPrefixBits> prefix_bits;
  for (const auto& [key, unused] : by_prefix)
    prefix_bits.set(prefix_bit(key));
  // An occurrence overlaps no finding, so it lies in a gap between two: only the gaps are read,
  // and only a gap's two ends touch a redaction.
  auto scan_gap = [&](std::size_t gap_start, std::size_t gap_end) {
    bool redaction_before = gap_start > 0, redaction_after = gap_end < text.size();
    auto redacted = [&](std::size_t pos) {
      return pos < gap_start ? redaction_before : pos >= gap_end && redaction_after;
    };
    if (gap_end - gap_start < kMinLength) return;
    std::uint32_t rolling = 0;
    for (std::size_t i = gap_start; i + 1 < gap_start + kMinLength; ++i)
      rolling = (rolling << 8) | kFolded[static_cast<unsigned char>(text[i])];
    const std::size_t last = gap_end - kMinLength;
    auto next_hit = [&](std::size_t from) {
      return from > last ? std::string_view::npos
                         : next_prefix_hit(text.data(), from, last, prefix_bits, rolling);
    };
    for (std::size_t pos = next_hit(gap_start); pos != std::string_view::npos;
         pos = next_hit(pos + 1)) {
      // An occurrence that starts with a letter or digit starts a word (or follows a redaction).
      if (!first_bytes[static_cast<unsigned char>(ascii_lower(text[pos]))]) continue;
      if (pos > 0 && is_ascii_alnum(text[pos]) && is_ascii_alnum(text[pos - 1]) &&
          !redacted(pos - 1))
        continue;
      auto [first, last] = std::equal_range(
          by_prefix.begin(), by_prefix.end(), std::pair<std::uint32_t, std::size_t>{rolling, 0},
          [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto it = first; it != last; ++it) {
        const auto& needle = needles[it->second];
        if (pos + needle.text.size() > gap_end) continue;
        auto candidate = text.substr(pos, needle.text.size());
        if (needle.exact ? candidate != needle.text : !iequals_ascii(candidate, needle.text))
          continue;
        if (glued(text, pos, pos + needle.text.size(), redacted)) continue;
        // Stray continuation bytes next to the occurrence go with it, as in resolve_overlaps.
        std::size_t start = pos;
        std::size_t end = pos + needle.text.size();
        while (start > 0 && !is_utf8_boundary(text, start))
          --start;
        while (end < text.size() && !is_utf8_boundary(text, end))
          ++end;
        if (overlaps_any(findings, start, end) || overlaps_any(added, start, end)) continue;
        Finding found{needle.type, start, end};
        if (added.empty() || added.back().start < start) {
          added.push_back(found);
        } else {
          auto at = std::lower_bound(added.begin(), added.end(), start,
                                     [](const Finding& f, std::size_t s) { return f.start < s; });
          added.insert(at, found);
        }
      }
    }
  };
  std::size_t gap_start = 0;
  for (const auto& f : findings) {
    scan_gap(gap_start, f.start);
    gap_start = f.end;
  }
  scan_gap(gap_start, text.size());
  if (added.empty()) return;
  std::vector<Finding> merged;
  merged.reserve(findings.size() + added.size());
  std::merge(findings.begin(), findings.end(), added.begin(), added.end(),
             std::back_inserter(merged),
             [](const Finding& a, const Finding& b) { return a.start < b.start; });
  findings = std::move(merged);
}

}  // namespace hindsight::common::anonymizer
