#include "anonymizer/span_resolver.hpp"

#include <algorithm>
#include <map>

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

std::vector<Finding> resolve_overlaps(std::string_view text, std::vector<Finding> candidates) {
  for (auto& f : candidates) {
    f.end = std::min(f.end, text.size());
    while (f.start > 0 && !is_utf8_boundary(text, f.start))
      --f.start;
    while (f.end < text.size() && !is_utf8_boundary(text, f.end))
      ++f.end;
  }
  std::erase_if(candidates, [](const Finding& f) { return f.end <= f.start; });
  std::sort(candidates.begin(), candidates.end(), [](const Finding& a, const Finding& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    if (tie_rank(a.type) != tie_rank(b.type)) return tie_rank(a.type) > tie_rank(b.type);
    return a.start < b.start;
  });
  std::map<std::size_t, Finding> accepted;  // by start
  for (const auto& f : candidates) {
    auto next = accepted.lower_bound(f.start);
    if (next != accepted.end() && next->first < f.end) continue;
    if (next != accepted.begin() && std::prev(next)->second.end > f.start) continue;
    accepted.emplace(f.start, f);
  }
  std::vector<Finding> out;
  out.reserve(accepted.size());
  for (const auto& [start, f] : accepted)
    out.push_back(f);
  return out;
}

}  // namespace hindsight::common::anonymizer
