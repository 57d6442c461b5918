#include "common/anonymizer/host_rules.hpp"

#include <libpsl.h>

#include <algorithm>
#include <array>
#include <string>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

// Zones reserved or customary for private networks (RFC 6762 appendix G, RFC 8375).
constexpr std::array<std::string_view, 10> kInternalZones = {
    "internal", "corp",    "lan",       "local", "localdomain",
    "intranet", "private", "home.arpa", "intra", "priv"};

// Names that end like a file rather than a host: source files, configs, archives, logs.
constexpr std::array<std::string_view, 36> kFileExtensions = {
    "py",   "md",  "sh",   "rs",   "pl",  "so",  "js",   "ts",  "go",   "java", "rb",   "php",
    "yaml", "yml", "json", "toml", "txt", "log", "conf", "cfg", "ini",  "xml",  "html", "zip",
    "gz",   "tar", "sql",  "csv",  "pem", "crt", "key",  "env", "lock", "tf",   "kt",   "swift"};

// First labels of reversed package names (`com.example.billing`).
constexpr std::array<std::string_view, 8> kPackageRoots = {"com", "org", "net", "io",
                                                           "de",  "uk",  "edu", "gov"};

template <typename List>
bool contains(const List& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool ends_with_domain(std::string_view name, std::string_view domain) {
  if (name.size() < domain.size() || domain.empty()) return false;
  if (name.substr(name.size() - domain.size()) != domain) return false;
  return name.size() == domain.size() || name[name.size() - domain.size() - 1] == '.';
}

bool is_internal_zone(std::string_view name) {
  for (auto zone : kInternalZones)
    if (ends_with_domain(name, zone)) return true;
  return false;
}

}  // namespace

HostRules::HostRules() : psl_(psl_builtin()) {}

bool HostRules::is_host_label(std::string_view label) {
  // Letters first, then segments; a digit somewhere, a hyphen somewhere, and the shape ends in
  // a number (`db-prod-03`) or a one-letter suffix after a number (`pg10-c`).
  if (label.size() < 4 || label.size() > 63) return false;
  if (!(label[0] >= 'a' && label[0] <= 'z')) return false;
  if (label.find('-') == std::string_view::npos) return false;
  bool digit = false;
  for (char c : label) {
    if (!(is_ascii_alnum(c) || c == '-') || (c >= 'A' && c <= 'Z')) return false;
    digit |= is_ascii_digit(c);
  }
  if (!digit || label.back() == '-' || label.find("--") != std::string_view::npos) return false;
  auto last_dash = label.rfind('-');
  std::string_view head = label.substr(0, label.find('-'));
  std::string_view tail = label.substr(last_dash + 1);
  bool numeric_tail = std::all_of(tail.begin(), tail.end(), is_ascii_digit) && tail.size() <= 4;
  bool letter_tail = tail.size() <= 2 && std::none_of(tail.begin(), tail.end(), is_ascii_digit) &&
                     is_ascii_digit(label[last_dash - 1]);
  if (!numeric_tail && !letter_tail) return false;
  // Encodings, standards, regions and ordinals are not machines.
  static constexpr std::array<std::string_view, 24> kNotHosts = {
      "utf", "iso", "sha", "md", "tls", "ssl", "http", "https", "rfc",   "cve",  "ipv",  "sev",
      "us",  "eu",  "ap",  "sa", "ca",  "me",  "af",   "step",  "phase", "tier", "team", "level"};
  if (contains(kNotHosts, head)) return false;
  if (head.size() < 2) return false;
  return true;
}

bool HostRules::has_known_suffix(std::string_view name) const {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string tld(name.substr(dot + 1));
  if (is_internal_zone(name)) return true;
  return psl_is_public_suffix2(psl_, tld.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

std::optional<EntityType> HostRules::classify(std::string_view raw,
                                              const ScanContext& context) const {
  AsciiLowered folded(raw);
  std::string_view name = folded.view();
  while (!name.empty() && name.back() == '.')
    name.remove_suffix(1);
  auto first_dot = name.find('.');
  if (first_dot == std::string_view::npos) return std::nullopt;
  std::string_view first_label = name.substr(0, first_dot);
  std::string_view tld = name.substr(name.rfind('.') + 1);
  if (std::all_of(tld.begin(), tld.end(), is_ascii_digit)) return std::nullopt;
  bool context_domain = std::any_of(context.org_domains.begin(), context.org_domains.end(),
                                    [&](const auto& d) { return ends_with_domain(name, d); });
  bool internal = is_internal_zone(name);
  if (!context_domain && !internal) {
    if (contains(kFileExtensions, tld) || !has_known_suffix(name)) return std::nullopt;
    std::size_t labels = std::count(name.begin(), name.end(), '.') + 1;
    if (labels >= 3 && contains(kPackageRoots, first_label)) return std::nullopt;
  }
  bool tied = context_domain || internal || is_host_label(first_label);
  if (!tied) {
    std::size_t start = 0;
    while (!tied && start < name.size()) {
      auto dot = name.find('.', start);
      if (dot == std::string_view::npos) break;  // the TLD never ties
      tied = context.org_labels.count(name.substr(start, dot - start)) > 0;
      start = dot + 1;
    }
  }
  if (!tied) return std::nullopt;
  bool machine = std::any_of(first_label.begin(), first_label.end(), is_ascii_digit);
  return machine ? EntityType::kHostname : EntityType::kDomain;
}

bool HostRules::is_neutral_host(std::string_view raw) const {
  AsciiLowered folded(raw);
  std::string_view host = folded.view();
  if (host.empty() || host.find_first_of("{}$<>[]%") != std::string_view::npos) return true;
  if (host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "0.0.0.0")
    return true;
  for (std::string_view zone :
       {"example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"})
    if (ends_with_domain(host, zone)) return true;
  return false;
}

}  // namespace hindsight::common::anonymizer
