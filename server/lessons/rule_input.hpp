// Reading a reviewer's redaction or keep request (`{"term", "type"}` or `{"field", "start",
// "end", "type"}`; keeps without a type) into a typed value; bad input is 400 naming the field.
// Whether a span fits the text is checked by the service, which has the text.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/anonymizer/entity_type.hpp"

namespace hindsight::server {

struct RuleRequest {
  bool keep = false;  // else a redaction
  std::optional<std::string> term;
  std::string field;  // with start and end when there is no term
  std::size_t start = 0;
  std::size_t end = 0;
  std::optional<common::anonymizer::EntityType> type;  // redactions only
};

RuleRequest parse_redaction_request(const nlohmann::json& body);
RuleRequest parse_keep_request(const nlohmann::json& body);

}  // namespace hindsight::server
