// A postmortem outside Hindsight: JSON that imports back to the same template fields (it
// round-trips exactly), and Markdown a person reads, with the template's headings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hindsight::server {

inline constexpr const char* kExportFormat = "hindsight.postmortem/1";

// {"format", "postmortem": <template fields>, "source": {id, version, status, authors, dates}}
nlohmann::json export_json(const nlohmann::json& document);
// The template fields of an export, for parse_postmortem_input; 400 when it is not one.
nlohmann::json import_fields(const nlohmann::json& exported);
std::string export_markdown(const nlohmann::json& document);

}  // namespace hindsight::server
