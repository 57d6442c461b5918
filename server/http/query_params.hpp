// Reading query-string and path parameters with the same rules everywhere: empty means absent,
// and a bad value is 400 validation_failed naming the parameter.
#pragma once

#include <optional>
#include <string>

#include "server/http/request.hpp"

namespace hindsight::server {

// The value, or nullopt when absent or empty; one that is not UTF-8, holds a NUL or is longer
// than max_chars characters is refused.
std::optional<std::string> query_text(const Request& request, const char* name,
                                      std::size_t max_chars = 200);
// An RFC 3339 timestamp, returned in UTC (common::canonical_instant).
std::optional<std::string> query_instant(const Request& request, const char* name);
// A page size from 1 to max, `fallback` when absent.
int query_limit(const Request& request, int fallback, int max);
// A path parameter that names something by text (a username): one that could name nothing
// (not UTF-8, a NUL, longer than max_chars) is 404 with `what`.
const std::string& path_text(const Request& request, const char* name, std::size_t max_chars,
                             const char* what);

}  // namespace hindsight::server
