// The context people's email addresses found in a text (the pipeline's directory stage): the
// email detector refuses addresses on reserved or internal domains, and a redacted text must
// never carry a colleague's address, so they are matched directly too.
#pragma once

#include <string_view>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/entity_type.hpp"

namespace hindsight::common::anonymizer {

// EMAIL findings, ASCII case-insensitive, in text order, non-overlapping.
std::vector<Finding> directory_emails(std::string_view text, const DocumentContext& context);

}  // namespace hindsight::common::anonymizer
