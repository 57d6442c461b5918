#include "server/lessons/rule_input.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"

namespace hindsight::server {
namespace anon = common::anonymizer;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxTermChars = 200;
constexpr std::uint64_t kMaxOffset = 2147483647;  // what the offset columns hold

std::size_t offset(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null())
    throw ApiError::validation(key, fmt::format("{} is required with field", key));
  if (!it->is_number_unsigned() || it->get<std::uint64_t>() > kMaxOffset)
    throw ApiError::validation(key, fmt::format("{} must be a byte offset: a whole number from 0 "
                                                "to {}",
                                                key, kMaxOffset));
  return it->get<std::size_t>();
}

std::string all_types() {
  std::string out;
  for (std::size_t i = 0; i < anon::kEntityTypeCount; ++i)
    out += (i ? ", " : "") + std::string(anon::entity_type_name(static_cast<anon::EntityType>(i)));
  return out;
}

RuleRequest parse(const json& body, bool keep) {
  for (auto& [key, value] : body.items()) {
    bool known = key == "term" || key == "field" || key == "start" || key == "end" ||
                 (!keep && key == "type");
    if (!known) throw ApiError::validation(key, "unknown field " + key);
  }
  RuleRequest rule;
  rule.keep = keep;
  bool has_span = body.contains("field") || body.contains("start") || body.contains("end");
  if (body.contains("term")) {
    if (has_span)
      throw ApiError::validation("term", "send either term, or field with start and end");
    rule.term = common::required_string(body, "term", kMaxTermChars);
    if (rule.term->find_first_not_of(" \t\r\n") == std::string::npos)
      throw ApiError::validation("term", "term must not be only white space");
  } else if (has_span) {
    rule.field = common::required_string(body, "field", 200);
    rule.start = offset(body, "start");
    rule.end = offset(body, "end");
    if (rule.end <= rule.start) throw ApiError::validation("end", "end must be greater than start");
  } else {
    throw ApiError::validation("term", "send term, or field with start and end");
  }
  if (!keep) {
    std::string type = common::required_string(body, "type", 32);
    rule.type = anon::parse_entity_type(type);
    if (!rule.type)
      throw ApiError::validation("type", fmt::format("type must be one of {}", all_types()));
  }
  return rule;
}

}  // namespace

RuleRequest parse_redaction_request(const json& body) {
  return parse(body, false);
}

RuleRequest parse_keep_request(const json& body) {
  return parse(body, true);
}

}  // namespace hindsight::server
