// Reading query-string parameters with the same rules everywhere: empty means absent, and a
// bad value is 400 validation_failed naming the parameter.
#pragma once

#include <optional>
#include <string>

#include "http/request.hpp"

namespace hindsight::server {

// The value, or nullopt when absent or empty; longer than max_bytes is refused.
std::optional<std::string> query_text(const Request& request, const char* name,
                                      std::size_t max_bytes = 200);
// An RFC 3339 timestamp.
std::optional<std::string> query_instant(const Request& request, const char* name);
// A page size from 1 to max, `fallback` when absent.
int query_limit(const Request& request, int fallback, int max);

}  // namespace hindsight::server
