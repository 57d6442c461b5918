// Reading JSON request bodies: parse errors become 400 invalid_json saying where; a NUL in any
// string is 400 validation_failed naming its path. Fields are read with common/json/json_fields.
#pragma once

#include <nlohmann/json.hpp>

#include "common/json/json_fields.hpp"
#include "server/http/request.hpp"

namespace hindsight::server {

using common::optional_string;
using common::required_string;

// The body as a JSON object; an empty body is an empty object when `empty_ok`.
nlohmann::json parse_json_object(const Request& request, bool empty_ok = false);

}  // namespace hindsight::server
