// Validates a postmortem body (POST or PUT) against the postmortem template (docs/http-api.md)
// and returns it normalized: every template field present, timestamps in UTC RFC 3339, defaults
// filled in. Every refusal names the field by its path (`timeline[1].at`).
#pragma once

#include <array>
#include <nlohmann/json.hpp>

namespace hindsight::server {

// The fields an author fills in, in the template's order (what export and review show).
inline constexpr std::array<const char*, 20> kTemplateFields = {"title",
                                                                "severity",
                                                                "started_at",
                                                                "detected_at",
                                                                "mitigated_at",
                                                                "resolved_at",
                                                                "services",
                                                                "tags",
                                                                "summary",
                                                                "impact",
                                                                "timeline",
                                                                "trigger",
                                                                "contributing_factors",
                                                                "detection",
                                                                "resolution",
                                                                "went_well",
                                                                "went_poorly",
                                                                "lucky",
                                                                "action_items",
                                                                "lessons_learned"};

// The contributing-factor taxonomy (docs/http-api.md), in documentation order.
const std::vector<std::string>& factor_categories();

nlohmann::json parse_postmortem_input(const nlohmann::json& body);

}  // namespace hindsight::server
