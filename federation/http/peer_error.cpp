#include "federation/http/peer_error.hpp"

#include <nlohmann/json.hpp>

#include "common/util/utf8_sequence.hpp"

namespace hindsight::federation {

std::string peer_error_message(const HttpsResponse& response, std::size_t max_bytes) {
  // Parsing checks the body is valid UTF-8, so the message is too.
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  const auto& error = body["error"];
  if (!error.contains("message") || !error["message"].is_string()) return "";
  return std::string(
      common::utf8_prefix(error["message"].get_ref<const std::string&>(), max_bytes));
}

}  // namespace hindsight::federation
