// Reading JSON request bodies: parse errors become 400 invalid_json saying where, and field
// readers name the offending field in 400 validation_failed.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace hindsight::server {

// The body as a JSON object; an empty body is an empty object when `empty_ok`.
nlohmann::json parse_json_object(const Request& request, bool empty_ok = false);

// A string field of at most max_chars characters; nullopt when absent or null.
std::optional<std::string> optional_string(const nlohmann::json& object, const std::string& field,
                                           std::size_t max_chars);
std::string required_string(const nlohmann::json& object, const std::string& field,
                            std::size_t max_chars);

// Counts UTF-8 code points; false when the text is not valid UTF-8.
bool utf8_length(std::string_view text, std::size_t& length);

}  // namespace hindsight::server
