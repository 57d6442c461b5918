// What the detectors know about one document besides its text: the organization's domains and
// the labels (slugs of its names) that tie a host or URL to it.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/string_hash.hpp"

namespace hindsight::common::anonymizer {

struct ScanContext {
  std::string_view text;
  std::vector<std::string> org_domains;  // lower case: internal domains, email domains
  // lower case: "marlowe", "pinecrestbank"; looked up by slices of the text
  std::unordered_set<std::string, StringHash, std::equal_to<>> org_labels;

  static ScanContext build(std::string_view text, const DocumentContext& context);
};

}  // namespace hindsight::common::anonymizer
