#include "server/http/query_params.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "common/util/time_format.hpp"

namespace hindsight::server {
using common::ApiError;

std::optional<std::string> query_text(const Request& request, const char* name,
                                      std::size_t max_chars) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  common::check_text(*value, name, max_chars);
  return value;
}

std::optional<std::string> query_instant(const Request& request, const char* name) {
  auto value = query_text(request, name, 64);
  if (!value) return std::nullopt;
  auto instant = common::canonical_instant(*value);
  if (!instant)
    throw ApiError::validation(
        name, fmt::format("{} must be an RFC 3339 timestamp within the years 0001-9999", name));
  return instant;
}

int query_limit(const Request& request, int fallback, int max) {
  auto text = query_text(request, "limit", 8);
  if (!text) return fallback;
  int n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < 1 || n > max)
    throw ApiError::validation("limit",
                               fmt::format("limit must be a whole number from 1 to {}", max));
  return n;
}

const std::string& path_text(const Request& request, const char* name, std::size_t max_chars,
                             const char* what) {
  const std::string& value = request.path_params.at(name);
  std::size_t length = 0;
  if (!common::utf8_length(value, length) || length > max_chars ||
      value.find('\0') != std::string::npos)
    throw ApiError::not_found(what);
  return value;
}

}  // namespace hindsight::server
