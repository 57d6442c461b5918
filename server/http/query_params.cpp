#include "http/query_params.hpp"

#include <fmt/format.h>

#include <charconv>

#include "error/api_error.hpp"
#include "util/time_format.hpp"

namespace hindsight::server {
using common::ApiError;

std::optional<std::string> query_text(const Request& request, const char* name,
                                      std::size_t max_bytes) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  if (value->size() > max_bytes)
    throw ApiError::validation(name, fmt::format("{} is longer than {} bytes", name, max_bytes));
  return value;
}

std::optional<std::string> query_instant(const Request& request, const char* name) {
  auto value = query_text(request, name, 64);
  if (value && !common::parse_rfc3339(*value))
    throw ApiError::validation(name, fmt::format("{} must be an RFC 3339 timestamp", name));
  return value;
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

}  // namespace hindsight::server
