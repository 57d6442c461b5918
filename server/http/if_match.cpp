#include "server/http/if_match.hpp"

#include <charconv>

#include "common/error/api_error.hpp"

namespace hindsight::server {
using common::ApiError;

int if_match_version(const Request& request) {
  auto header = request.header("if-match");
  if (!header)
    throw ApiError(428, "precondition_required",
                   "send If-Match with the ETag of the version you edited");
  // Exactly an ETag this server writes: "N" (or W/"N"), N from 1 without leading zeros.
  std::string_view value = *header;
  if (value.starts_with("W/")) value.remove_prefix(2);
  bool quoted = value.size() >= 3 && value.front() == '"' && value.back() == '"';
  if (quoted) value = value.substr(1, value.size() - 2);
  int version = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (!quoted || value.size() > 9 || value.front() == '0' || ec != std::errc() ||
      end != value.data() + value.size() || version < 1)
    throw ApiError::bad_request("validation_failed", "If-Match must be an ETag such as \"3\"",
                                "If-Match");
  return version;
}

std::string version_etag(int version) {
  return "\"" + std::to_string(version) + "\"";
}

}  // namespace hindsight::server
