#include "common/anonymizer/anonymizer_config.hpp"

#include <stdexcept>

#include "common/anonymizer/date_time_finder.hpp"

namespace hindsight::common::anonymizer {
namespace {

using nlohmann::json;

std::vector<std::string> string_list(const json& object, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string(key) + " must be an array");
  for (const auto& item : *it) {
    if (!item.is_string())
      throw std::invalid_argument(std::string(key) + " must hold only strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::string optional_string(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) throw std::invalid_argument(where + "." + key + " must be a string");
  return it->get<std::string>();
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

DocumentContext DocumentContext::from_json(const json& object) {
  DocumentContext context;
  if (object.is_null()) return context;
  if (!object.is_object()) throw std::invalid_argument("context must be an object");
  context.org_names = string_list(object, "org_names");
  context.terms = string_list(object, "terms");
  context.customers = string_list(object, "customers");
  context.internal_domains = string_list(object, "internal_domains");
  if (auto it = object.find("incident_start"); it != object.end() && !it->is_null()) {
    auto start = it->is_string() ? parse_date_time(it->get<std::string>()) : std::nullopt;
    if (!start) throw std::invalid_argument("incident_start must be an RFC 3339 date-time");
    context.incident = IncidentClock(start);
  }
  if (auto it = object.find("people"); it != object.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("people must be an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& entry = (*it)[i];
      std::string where = "people[" + std::to_string(i) + "]";
      if (!entry.is_object()) throw std::invalid_argument(where + " must be an object");
      context.people.push_back({optional_string(entry, "name", where),
                                optional_string(entry, "username", where),
                                optional_string(entry, "email", where)});
    }
  }
  return context;
}

DocumentContext DocumentContext::merged_with(const DocumentContext& defaults) const {
  DocumentContext merged = *this;
  merged.people.insert(merged.people.end(), defaults.people.begin(), defaults.people.end());
  append(merged.org_names, defaults.org_names);
  append(merged.terms, defaults.terms);
  append(merged.customers, defaults.customers);
  append(merged.internal_domains, defaults.internal_domains);
  return merged;
}

AnonymizerConfig AnonymizerConfig::from_json(const json& object) {
  AnonymizerConfig config;
  if (object.is_null()) return config;
  if (!object.is_object()) throw std::invalid_argument("[anonymizer] must be a table");
  json context = object;
  context.erase("allowed_terms");
  context.erase("patterns");
  config.defaults = DocumentContext::from_json(context);
  config.allowed_terms = string_list(object, "allowed_terms");
  if (auto it = object.find("patterns"); it != object.end()) {
    if (!it->is_array()) throw std::invalid_argument("patterns must be an array of tables");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& entry = (*it)[i];
      std::string where = "patterns[" + std::to_string(i) + "]";
      if (!entry.is_object()) throw std::invalid_argument(where + " must be a table");
      auto type_name = optional_string(entry, "type", where);
      auto type = parse_entity_type(type_name);
      if (!type) throw std::invalid_argument(where + ".type '" + type_name + "' is not a type");
      auto regex = optional_string(entry, "regex", where);
      if (regex.empty()) throw std::invalid_argument(where + ".regex is required");
      config.patterns.push_back({optional_string(entry, "name", where), *type, regex});
    }
  }
  return config;
}

}  // namespace hindsight::common::anonymizer
