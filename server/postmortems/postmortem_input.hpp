// Validates a postmortem body (POST or PUT) against the template of DESIGN.md and returns it
// normalized: every template field present, timestamps in UTC RFC 3339, defaults filled in.
// Every refusal names the field by its path (`timeline[1].at`).
#pragma once

#include <nlohmann/json.hpp>

namespace hindsight::server {

// The contributing-factor taxonomy (DESIGN.md), in documentation order.
const std::vector<std::string>& factor_categories();

nlohmann::json parse_postmortem_input(const nlohmann::json& body);

}  // namespace hindsight::server
