#include "common/config/settings.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "common/error/api_error.hpp"

namespace hindsight::common {

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Settings::Settings(std::map<std::string, std::string> flags, EnvLookup env, ConfigFile file)
    : flags_(std::move(flags)), env_(std::move(env)), file_(std::move(file)) {}

std::string Settings::env_name(const std::string& key) {
  std::string out = "HINDSIGHT_";
  for (char c : key)
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Settings::flag_name(const std::string& key) {
  std::string out = "--";
  for (char c : key)
    out += c == '_' ? '-' : c;
  return out;
}

std::optional<SettingValue> Settings::get(const std::string& key) const {
  if (auto it = flags_.find(key); it != flags_.end())
    return SettingValue{it->second, flag_name(key)};
  std::string env = env_name(key);
  if (auto value = env_(env); value && !value->empty()) return SettingValue{*value, env};
  if (auto value = file_.scalar(key))
    return SettingValue{*value, fmt::format("{} key '{}'", file_.source_name(), key)};
  return std::nullopt;
}

std::string Settings::get_or(const std::string& key, std::string fallback) const {
  auto v = get(key);
  return v ? v->value : std::move(fallback);
}

long long parse_integer_setting(const SettingValue& v, long long min, long long max) {
  long long out = 0;
  auto [end, ec] = std::from_chars(v.value.data(), v.value.data() + v.value.size(), out);
  if (ec != std::errc() || end != v.value.data() + v.value.size())
    throw UsageError(fmt::format("{}: '{}' is not a whole number", v.origin, v.value));
  if (out < min || out > max)
    throw UsageError(fmt::format("{}: {} is outside {}..{}", v.origin, out, min, max));
  return out;
}

}  // namespace hindsight::common
