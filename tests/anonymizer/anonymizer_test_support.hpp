// Helpers for the anonymizer tests: one shared Anonymizer (building it loads the gazetteer) and
// compact views of findings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/anonymizer/anonymizer.hpp"

namespace hindsight::common::anonymizer::test_support {

const Anonymizer& shared_anonymizer();

// "TYPE:text" for every finding, in order.
std::vector<std::string> describe(std::string_view text, const std::vector<Finding>& findings);
std::vector<std::string> detect(std::string_view text, const DocumentContext& context = {});
// The original text of every finding of `type`.
std::vector<std::string> found_as(std::string_view text, EntityType type,
                                  const DocumentContext& context = {});

}  // namespace hindsight::common::anonymizer::test_support
