#include "common/anonymizer/directory_emails.hpp"

#include <algorithm>
#include <optional>

#include "common/anonymizer/term_matcher.hpp"

namespace hindsight::common::anonymizer {

std::vector<Finding> directory_emails(std::string_view text, const DocumentContext& context) {
  std::vector<Finding> out;
  if (text.find('@') == std::string_view::npos) return out;
  std::optional<WholeWordSearch> search;  // the text folded once, if someone has an address
  for (const auto& person : context.people) {
    if (person.email.empty()) continue;
    if (!search) search.emplace(text);
    for (auto [start, end] : search->find(person.email))
      out.push_back({EntityType::kEmail, start, end});
  }
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.start < b.start; });
  // Two addresses cannot overlap in practice; keep the first should one be a suffix of another.
  std::vector<Finding> disjoint;
  for (const auto& f : out)
    if (disjoint.empty() || f.start >= disjoint.back().end) disjoint.push_back(f);
  return disjoint;
}

}  // namespace hindsight::common::anonymizer
