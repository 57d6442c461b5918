#include "server/http/json_body.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"

namespace hindsight::server {
using common::ApiError;

nlohmann::json parse_json_object(const Request& request, bool empty_ok) {
  if (request.body.empty() && empty_ok) return nlohmann::json::object();
  nlohmann::json value;
  try {
    // The parser refuses invalid UTF-8 and unpaired surrogate escapes itself.
    value = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    throw ApiError::bad_request("invalid_json",
                                fmt::format("the body is not valid JSON (at byte {})", e.byte));
  }
  if (!value.is_object())
    throw ApiError::bad_request("invalid_json", "the body must be a JSON object");
  common::reject_nul(value);
  return value;
}

}  // namespace hindsight::server
