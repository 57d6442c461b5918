// The free-text parts of a postmortem that a lesson carries, each named by its path
// (`title`, `services[0]`, `timeline[2].text`, `tags[1]`): what the anonymizer scans, what
// findings point into, and the order in which placeholders are numbered.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hindsight::server {

struct TextField {
  std::string path;
  std::string text;
};

// Works on a postmortem document and on a lesson's fields with "tags" beside them: both name
// their text the same way. Absent or non-text members are skipped.
std::vector<TextField> text_fields(const nlohmann::json& document);

// The text at `path` in `fields` (from text_fields), or nullptr.
const TextField* find_text_field(const std::vector<TextField>& fields, const std::string& path);

}  // namespace hindsight::server
