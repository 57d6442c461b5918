// The TOML config file (--config / HINDSIGHT_CONFIG): top-level keys mirror the flags, and
// tables (such as [anonymizer]) are handed out as JSON for the component that owns them.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hindsight::common {

class ConfigFile {
 public:
  ConfigFile() = default;

  // Throws UsageError naming the file, line and problem when it does not parse.
  static ConfigFile load(const std::string& path);
  static ConfigFile parse(std::string_view text, const std::string& source_name);

  // A top-level scalar as text (numbers and booleans in their TOML spelling).
  std::optional<std::string> scalar(const std::string& key) const;
  // A top-level table converted to JSON, or nullopt when absent.
  std::optional<nlohmann::json> table(const std::string& name) const;
  // Every top-level key, scalars and tables, for rejecting unknown ones.
  std::vector<std::string> keys() const;
  const std::string& source_name() const { return source_name_; }

 private:
  std::string source_name_;
  std::map<std::string, std::string> scalars_;
  std::map<std::string, nlohmann::json> tables_;
};

}  // namespace hindsight::common
