// Resolves one setting from its three sources with the contract's precedence:
// command-line flag beats HINDSIGHT_<KEY> environment variable beats the config file.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/config/config_file.hpp"

namespace hindsight::common {

struct SettingValue {
  std::string value;
  std::string origin;  // where it came from, for error messages: "--listen", "HINDSIGHT_LISTEN"
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Reads the process environment.
EnvLookup process_environment();

class Settings {
 public:
  // `flags` maps a key (snake_case, as in the config file) to the value given on the command line.
  Settings(std::map<std::string, std::string> flags, EnvLookup env, ConfigFile file);

  std::optional<SettingValue> get(const std::string& key) const;
  std::string get_or(const std::string& key, std::string fallback) const;
  const ConfigFile& file() const { return file_; }

  static std::string env_name(const std::string& key);   // public_url -> HINDSIGHT_PUBLIC_URL
  static std::string flag_name(const std::string& key);  // public_url -> --public-url

 private:
  std::map<std::string, std::string> flags_;
  EnvLookup env_;
  ConfigFile file_;
};

// Parses a whole number within [min, max]; throws UsageError naming the origin.
long long parse_integer_setting(const SettingValue& v, long long min, long long max);

}  // namespace hindsight::common
