#include "anonymizer/occurrence_propagation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

constexpr std::size_t kMinLength = 4;

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
  if (needle.empty()) return;
  std::size_t pos = haystack.find(needle);
  while (pos != std::string_view::npos) {
    if (!glued(haystack, pos, pos + needle.size(), redacted)) visit(pos);
    pos = haystack.find(needle, pos + 1);
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
  std::map<std::pair<std::string, bool>, EntityType> wanted;
  for (const auto& f : findings) {
    if (f.size() < kMinLength) continue;
    bool exact = f.type == EntityType::kPerson;
    auto original = text.substr(f.start, f.size());
    wanted.try_emplace({exact ? std::string(original) : ascii_lowercase(original), exact}, f.type);
    if (wanted.size() >= max_distinct) break;
  }
  if (wanted.empty()) return;
  std::string folded = ascii_lowercase(text);
  std::map<std::size_t, Finding> by_start;
  for (const auto& f : findings)
    by_start.emplace(f.start, f);
  std::map<std::size_t, std::size_t> original_spans;  // the findings on entry, start -> end
  for (const auto& f : findings)
    original_spans.emplace(f.start, f.end);
  auto redacted = [&](std::size_t pos) {
    auto it = original_spans.upper_bound(pos);
    return it != original_spans.begin() && std::prev(it)->second > pos;
  };
  auto overlaps = [&](std::size_t start, std::size_t end) {
    auto next = by_start.lower_bound(start);
    if (next != by_start.end() && next->first < end) return true;
    return next != by_start.begin() && std::prev(next)->second.end > start;
  };
  for (const auto& entry : wanted) {
    // Named copies: lambdas cannot capture structured bindings before C++20 in clang 14.
    const std::string& needle = entry.first.first;
    const bool exact = entry.first.second;
    const EntityType type = entry.second;
    std::string_view haystack = exact ? text : std::string_view(folded);
    for_each_occurrence(haystack, needle, redacted, [&](std::size_t pos) {
      // Stray continuation bytes next to the occurrence go with it, as in resolve_overlaps.
      std::size_t start = pos;
      std::size_t end = pos + needle.size();
      while (start > 0 && !is_utf8_boundary(text, start))
        --start;
      while (end < text.size() && !is_utf8_boundary(text, end))
        ++end;
      if (overlaps(start, end)) return;
      by_start.emplace(start, Finding{type, start, end});
    });
  }
  findings.clear();
  for (const auto& [start, f] : by_start)
    findings.push_back(f);
}

}  // namespace hindsight::common::anonymizer
