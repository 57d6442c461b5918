#include "anonymizer/occurrence_propagation.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

constexpr std::size_t kMinLength = 4;  // also the width of the prefix key below
constexpr std::size_t kPrefixBits = 4096;

std::size_t prefix_bit(std::uint32_t key) {
  return (key * 2654435761u) >> 20;  // Fibonacci hashing to 12 bits
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
    std::string text;
    bool exact;
    EntityType type;
  };
  std::vector<Needle> needles;
  std::set<std::pair<std::string, bool>> seen;
  for (const auto& f : findings) {
    if (f.size() < kMinLength) continue;
    bool exact = f.type == EntityType::kPerson;
    auto original = text.substr(f.start, f.size());
    std::string key = exact ? std::string(original) : ascii_lowercase(original);
    if (!seen.emplace(key, exact).second) continue;
    needles.push_back({std::move(key), exact, f.type});
    if (needles.size() >= max_distinct) break;
  }
  if (needles.empty()) return;
  // Needles indexed by their first four (folded) bytes: one pass over the text finds them all.
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_prefix;
  auto prefix_of = [](std::string_view s) {
    std::uint32_t key = 0;
    for (std::size_t i = 0; i < kMinLength; ++i)
      key = (key << 8) | static_cast<unsigned char>(ascii_lower(s[i]));
    return key;
  };
  for (std::size_t k = 0; k < needles.size(); ++k)
    by_prefix[prefix_of(needles[k].text)].push_back(k);

  std::vector<bool> redacted_bytes(text.size(), false);  // covered by a finding on entry
  for (const auto& f : findings)
    for (std::size_t i = f.start; i < f.end; ++i)
      redacted_bytes[i] = true;
  auto redacted = [&](std::size_t pos) { return static_cast<bool>(redacted_bytes[pos]); };
  std::array<bool, 256> first_bytes{};
  for (const auto& needle : needles)
    first_bytes[static_cast<unsigned char>(ascii_lower(needle.text[0]))] = true;
  std::map<std::size_t, Finding> by_start;
  for (const auto& f : findings)
    by_start.emplace(f.start, f);
  auto overlaps = [&](std::size_t start, std::size_t end) {
    auto next = by_start.lower_bound(start);
    if (next != by_start.end() && next->first < end) return true;
    return next != by_start.begin() && std::prev(next)->second.end > start;
  };
  // One bit per hash of each needle's first four folded bytes; the rolling key of the text's
  // next four bytes skips most positions with one table test.
  std::bitset<kPrefixBits> prefix_bits;
  for (const auto& [key, unused] : by_prefix)
    prefix_bits.set(prefix_bit(key));
  std::uint32_t rolling = 0;
  for (std::size_t i = 0; i + 1 < kMinLength && i < text.size(); ++i)
    rolling = (rolling << 8) | static_cast<unsigned char>(ascii_lower(text[i]));
  for (std::size_t pos = 0; pos + kMinLength <= text.size(); ++pos) {
    rolling = (rolling << 8) | static_cast<unsigned char>(ascii_lower(text[pos + kMinLength - 1]));
    if (!prefix_bits[prefix_bit(rolling)]) continue;
    // An occurrence that starts with a letter or digit starts a word (or follows a redaction).
    if (!first_bytes[static_cast<unsigned char>(ascii_lower(text[pos]))]) continue;
    if (pos > 0 && is_ascii_alnum(text[pos]) && is_ascii_alnum(text[pos - 1]) && !redacted(pos - 1))
      continue;
    auto it = by_prefix.find(prefix_of(text.substr(pos, kMinLength)));
    if (it == by_prefix.end()) continue;
    for (auto k : it->second) {
      const auto& needle = needles[k];
      if (pos + needle.text.size() > text.size()) continue;
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
      if (overlaps(start, end)) continue;
      by_start.emplace(start, Finding{needle.type, start, end});
    }
  }
  findings.clear();
  for (const auto& [start, f] : by_start)
    findings.push_back(f);
}

}  // namespace hindsight::common::anonymizer
