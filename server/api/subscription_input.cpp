#include "server/api/subscription_input.hpp"

#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "federation/discovery/origin.hpp"

namespace hindsight::server {
using common::ApiError;
using nlohmann::json;

std::vector<std::string> read_topics(const json& body, const char* name) {
  std::vector<std::string> out;
  auto topics = body.find(name);
  if (topics == body.end() || topics->is_null()) return out;
  if (!topics->is_array())
    throw ApiError::validation(name, std::string(name) + " must be an array of strings");
  if (topics->size() > kMaxTopics)
    throw ApiError::validation(name, "at most " + std::to_string(kMaxTopics) + " topics");
  for (std::size_t i = 0; i < topics->size(); ++i) {
    std::string field = std::string(name) + "[" + std::to_string(i) + "]";
    const json& topic = (*topics)[i];
    if (!topic.is_string() || topic.get_ref<const std::string&>().empty())
      throw ApiError::validation(field, field + " must be a non-empty string");
    common::check_text(topic.get_ref<const std::string&>(), field, kMaxTopicChars);
    out.push_back(topic.get<std::string>());
  }
  return out;
}

std::string origin_or_400(const std::string& url, const char* name) {
  auto origin = federation::normalize_origin(url);
  if (!origin)
    throw ApiError::validation(
        name, std::string(name) + " must be an instance's https origin, as https://host[:port]");
  return *origin;
}

std::string read_origin(const json& body, const char* name) {
  return origin_or_400(common::required_string(body, name, 300), name);
}

}  // namespace hindsight::server
