#include "common/config/config_file.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <fstream>
#include <sstream>

#include "common/error/api_error.hpp"

namespace hindsight::common {
namespace {

// Dates and times keep their TOML spelling.
std::string node_text(const toml::node& node) {
  std::ostringstream text;
  node.visit([&](const auto& v) {
    if constexpr (toml::is_value<decltype(v)>) text << v;
  });
  return text.str();
}

nlohmann::json to_json(const toml::node& node) {
  if (auto* t = node.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto&& [k, v] : *t)
      out[std::string(k.str())] = to_json(v);
    return out;
  }
  if (auto* a = node.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (auto&& v : *a)
      out.push_back(to_json(v));
    return out;
  }
  if (auto v = node.value<std::string>(); v && node.is_string()) return *v;
  if (node.is_integer()) return *node.value<int64_t>();
  if (node.is_floating_point()) return *node.value<double>();
  if (node.is_boolean()) return *node.value<bool>();
  return node_text(node);
}

std::string scalar_text(const toml::node& node) {
  if (node.is_string()) return *node.value<std::string>();
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  return node_text(node);
}

}  // namespace

ConfigFile ConfigFile::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(fmt::format("config file {}: cannot be read", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

ConfigFile ConfigFile::parse(std::string_view text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    throw UsageError(fmt::format("config file {}:{}:{}: {}", source_name, e.source().begin.line,
                                 e.source().begin.column, std::string(e.description())));
  }
  ConfigFile file;
  file.source_name_ = source_name;
  for (auto&& [key, node] : root) {
    std::string name(key.str());
    if (node.is_table()) {
      file.tables_[name] = to_json(node);
    } else if (node.is_array()) {
      throw UsageError(
          fmt::format("config file {}: key '{}' must be a single value", source_name, name));
    } else {
      file.scalars_[name] = scalar_text(node);
    }
  }
  return file;
}

std::optional<std::string> ConfigFile::scalar(const std::string& key) const {
  auto it = scalars_.find(key);
  if (it == scalars_.end()) return std::nullopt;
  return it->second;
}

std::optional<nlohmann::json> ConfigFile::table(const std::string& name) const {
  auto it = tables_.find(name);
  if (it == tables_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ConfigFile::keys() const {
  std::vector<std::string> out;
  for (auto& [k, _] : scalars_)
    out.push_back(k);
  for (auto& [k, _] : tables_)
    out.push_back(k);
  return out;
}

}  // namespace hindsight::common
