#include "common/anonymizer/scan_context.hpp"

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

// "Pinecrest Bank" ties hosts labelled "pinecrest", "pinecrestbank" or "pinecrest-bank".
void add_slugs(std::string_view name,
               std::unordered_set<std::string, StringHash, std::equal_to<>>& labels) {
  std::string joined, dashed, word;
  bool first = true;
  auto flush = [&] {
    if (first && word.size() >= 3) labels.insert(word);
    if (!word.empty()) first = false;
    word.clear();
  };
  for (char c : name) {
    if (is_ascii_alnum(c)) {
      char lower = ascii_lower(c);
      joined += lower;
      dashed += lower;
      word += lower;
    } else {
      if (!dashed.empty() && dashed.back() != '-') dashed += '-';
      flush();
    }
  }
  flush();
  if (joined.size() >= 3) labels.insert(joined);
  if (dashed.size() >= 3) labels.insert(dashed);
}

}  // namespace

ScanContext ScanContext::build(std::string_view text, const DocumentContext& context) {
  ScanContext scan;
  scan.text = text;
  for (const auto& domain : context.internal_domains)
    if (!domain.empty()) scan.org_domains.push_back(ascii_lowercase(domain));
  for (const auto& person : context.people) {
    auto at = person.email.rfind('@');
    if (at != std::string::npos && at + 1 < person.email.size())
      scan.org_domains.push_back(ascii_lowercase(person.email.substr(at + 1)));
  }
  for (const auto& name : context.org_names)
    add_slugs(name, scan.org_labels);
  for (const auto& term : context.terms)
    add_slugs(term, scan.org_labels);
  for (const auto& domain : scan.org_domains) {
    auto dot = domain.find('.');
    if (dot != std::string::npos && dot >= 3) scan.org_labels.insert(domain.substr(0, dot));
  }
  return scan;
}

}  // namespace hindsight::common::anonymizer
