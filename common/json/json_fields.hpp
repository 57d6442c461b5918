// Reading fields of a JSON object that came from outside (a request body, a peer's document):
// every string returned is valid UTF-8 without NUL (PostgreSQL stores neither invalid UTF-8 nor
// NUL in text or jsonb) and within its length; a refusal is 400 validation_failed naming the
// field.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace hindsight::common {

// Counts UTF-8 code points; false when the text is not valid UTF-8 (RFC 3629).
bool utf8_length(std::string_view text, std::size_t& length);

// Refuses text that is not valid UTF-8, holds a NUL, or is longer than max_chars characters.
void check_text(std::string_view text, const std::string& field, std::size_t max_chars);

// A string field of at most max_chars characters; nullopt when absent or null.
std::optional<std::string> optional_string(const nlohmann::json& object, const std::string& field,
                                           std::size_t max_chars);
// The same, refusing absent, null and empty.
std::string required_string(const nlohmann::json& object, const std::string& field,
                            std::size_t max_chars);

// Refuses a NUL in any string or key anywhere in `value`, naming its path (`timeline[1].text`);
// `path` is the path of `value` itself (empty at the top of a body).
void reject_nul(const nlohmann::json& value, const std::string& path = {});

}  // namespace hindsight::common
