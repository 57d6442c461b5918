// What the anonymizer is told: per-document context (docs/anonymizer.md's `context`) and the
// instance-wide configuration (the `[anonymizer]` table: default context, allowed terms, admin
// patterns). Parsed from JSON; invalid shapes throw std::invalid_argument naming the field.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/incident_clock.hpp"

namespace hindsight::common::anonymizer {

struct Person {
  std::string name;
  std::string username;
  std::string email;
};

struct DocumentContext {
  std::vector<Person> people;
  std::vector<std::string> org_names;
  std::vector<std::string> terms;  // codenames and internal product names, redacted as ORG
  std::vector<std::string> customers;
  std::vector<std::string> internal_domains;
  // Set: dates and times are coarsened to offsets from the incident's start ("T+?" when the
  // start is unknown). Unset: they are left as written. JSON: `incident_start` (RFC 3339).
  std::optional<IncidentClock> incident;

  static DocumentContext from_json(const nlohmann::json& json);
  // This context plus the entries of `defaults` (instance-wide ones).
  DocumentContext merged_with(const DocumentContext& defaults) const;
};

struct CustomPattern {
  std::string name;
  EntityType type;
  std::string regex;  // RE2 syntax
};

struct AnonymizerConfig {
  DocumentContext defaults;
  std::vector<std::string> allowed_terms;  // never redacted
  std::vector<CustomPattern> patterns;

  static AnonymizerConfig from_json(const nlohmann::json& json);
};

}  // namespace hindsight::common::anonymizer
