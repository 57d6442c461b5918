// Writes one `hindsight anonymize` result line (docs/anonymizer.md) straight into a buffer,
// byte for byte as nlohmann's dump writes it: keys in sorted order, no spaces, non-ASCII text
// as is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/anonymizer/redaction_session.hpp"

namespace hindsight::server {

// Appends a JSON string literal; false (and `out` unchanged) when `value` is not UTF-8.
bool append_json_string(std::string& out, std::string_view value);

// Appends `{"findings":[...],"id":...,"text":"..."}` without a line ending; false (and `out`
// unchanged) when a string is not UTF-8, for the caller to fall back to nlohmann.
bool append_anonymize_result(std::string& out, const std::optional<std::string>& id,
                             const common::anonymizer::RedactedText& redacted);

}  // namespace hindsight::server
