#include "server/config/server_config.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <unistd.h>

#include <boost/url/parse.hpp>

#include <charconv>
#include <cmath>
#include <thread>

#include "common/error/api_error.hpp"
#include "federation/discovery/origin.hpp"

namespace hindsight::server {
using common::SettingValue;
using common::UsageError;

std::string ListenAddress::to_string() const {
  bool v6 = host.find(':') != std::string::npos;
  return fmt::format("{}{}{}:{}", v6 ? "[" : "", host, v6 ? "]" : "", port);
}

const std::vector<std::string>& server_setting_keys() {
  static const std::vector<std::string> keys = {"listen",
                                                "public_url",
                                                "name",
                                                "peer_name",
                                                "database",
                                                "data_dir",
                                                "tls_cert",
                                                "tls_key",
                                                "trust_ca",
                                                "static_dir",
                                                "body_limit",
                                                "header_timeout",
                                                "idle_timeout",
                                                "body_timeout",
                                                "write_timeout",
                                                "shutdown_timeout",
                                                "threads",
                                                "db_pool_size",
                                                "log_level",
                                                "peer_addresses",
                                                "peer_rate_limit",
                                                "peer_rate_burst",
                                                "discovery_max_age",
                                                "discovery_refetch_interval",
                                                "delivery_backoff_base",
                                                "delivery_backoff_cap",
                                                "delivery_give_up_after",
                                                "delivery_lease",
                                                "delivery_poll_interval",
                                                "delivery_workers",
                                                "delivery_batch",
                                                "pull_interval",
                                                "pull_page_limit",
                                                "inbox_transactions",
                                                "public_license",
                                                "public_license_url",
                                                "password_hash_memory_kib",
                                                "password_hash_passes"};
  return keys;
}

const std::vector<std::string>& secret_setting_keys() {
  static const std::vector<std::string> keys = {"key_encryption_key"};
  return keys;
}

std::filesystem::path default_data_dir() {
  return geteuid() == 0 ? std::filesystem::path("/var/lib/hindsight")
                        : std::filesystem::path("var");
}

ListenAddress parse_listen_address(const SettingValue& value) {
  const std::string& text = value.value;
  auto bad = [&] {
    return UsageError(fmt::format("{}: '{}' is not HOST:PORT", value.origin, text));
  };
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw bad();
  std::string host = text.substr(0, colon);
  bool bracketed = host.front() == '[';
  if (bracketed) {
    if (host.back() != ']') throw bad();
    host = host.substr(1, host.size() - 2);
  }
  // The listener binds an address: an IPv4 literal, or an IPv6 literal in brackets.
  unsigned char address[16];
  bool v4 = inet_pton(AF_INET, host.c_str(), address) == 1;
  bool v6 = inet_pton(AF_INET6, host.c_str(), address) == 1;
  if (!(v4 && !bracketed) && !(v6 && bracketed))
    throw UsageError(fmt::format("{}: '{}' is not IP:PORT or [IPv6]:PORT", value.origin, text));
  unsigned port = 0;
  std::string_view port_text(text.data() + colon + 1, text.size() - colon - 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535 ||
      host.empty())
    throw bad();
  return {host, static_cast<uint16_t>(port)};
}

std::chrono::milliseconds parse_duration(const SettingValue& value) {
  const std::string& text = value.value;
  double number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  std::string_view unit(end, text.data() + text.size() - end);
  double scale = unit == "ms"                  ? 1
                 : unit == "s" || unit.empty() ? 1000
                 : unit == "m"                 ? 60'000
                 : unit == "h"                 ? 3'600'000
                 : unit == "d"                 ? 86'400'000
                                               : -1;
  if (ec != std::errc() || scale < 0 || !std::isfinite(number) || number < 0 ||
      number * scale > 30 * 86'400'000.0)
    throw UsageError(fmt::format(
        "{}: '{}' is not a duration such as 500ms, 10s, 5m, 7d (at most 30d)", value.origin, text));
  return std::chrono::milliseconds(static_cast<long long>(number * scale));
}

namespace {

std::optional<std::string> optional_setting(const common::Settings& s, const std::string& key) {
  auto v = s.get(key);
  if (!v) return std::nullopt;
  return v->value;
}

std::optional<std::string> readable_file(const common::Settings& s, const std::string& key) {
  auto v = s.get(key);
  if (!v) return std::nullopt;
  if (access(v->value.c_str(), R_OK) != 0)
    throw UsageError(fmt::format("{}: cannot read {}", v->origin, v->value));
  return v->value;
}

// A licence's name is shown as text: one line of at most 200 characters.
std::string license_name(const SettingValue& v) {
  std::size_t characters = 0;
  for (unsigned char c : v.value) {
    if (c < 0x20 || c == 0x7f)
      throw UsageError(fmt::format("{}: the licence name holds a control character", v.origin));
    characters += (c & 0xC0) != 0x80;
  }
  if (characters == 0 || characters > 200)
    throw UsageError(fmt::format("{}: the licence name must have 1 to 200 characters", v.origin));
  return v.value;
}

// A licence's address is a link on public pages: an absolute http(s) URL with a host.
std::string license_url(const SettingValue& v) {
  auto url = boost::urls::parse_absolute_uri(v.value);
  bool usable = url && (url->scheme() == "https" || url->scheme() == "http") &&
                url->has_authority() && !url->host().empty() && v.value.size() <= 2000;
  if (!usable)
    throw UsageError(
        fmt::format("{}: '{}' is not an absolute http or https URL", v.origin, v.value));
  return v.value;
}

}  // namespace

DatabaseTarget load_database_target(const common::Settings& settings) {
  DatabaseTarget target;
  target.conninfo = optional_setting(settings, "database");
  target.data_dir = settings.get_or("data_dir", default_data_dir().string());
  return target;
}

ServerConfig load_server_config(const common::Settings& settings) {
  ServerConfig c;
  c.listen = parse_listen_address(
      settings.get("listen").value_or(SettingValue{"127.0.0.1:8443", "default listen address"}));
  // Peers name this instance by its origin: compared in one normal form everywhere.
  std::string public_url = settings.get_or("public_url", "https://" + c.listen.to_string());
  auto origin = federation::normalize_origin(public_url);
  if (!origin)
    throw UsageError(
        fmt::format("public URL '{}' must be https://host[:port] with no path", public_url));
  c.public_url = *origin;
  c.name = settings.get_or("name", "Hindsight");
  c.peer_name = settings.get_or("peer_name", c.name);
  c.key_encryption_key = settings.get("key_encryption_key");
  if (auto v = settings.get("peer_addresses")) {
    if (v->value != "any" && v->value != "public")
      throw UsageError(fmt::format("{}: '{}' is not any or public", v->origin, v->value));
    c.public_peers_only = v->value == "public";
  }
  if (auto v = settings.get("peer_rate_limit"))
    c.peer_rate.per_second = static_cast<double>(common::parse_integer_setting(*v, 1, 1'000'000));
  if (auto v = settings.get("peer_rate_burst"))
    c.peer_rate.burst = static_cast<double>(common::parse_integer_setting(*v, 1, 10'000'000));
  auto seconds_setting = [&](const char* key, std::chrono::seconds& out) {
    if (auto v = settings.get(key)) {
      auto ms = parse_duration(*v);
      if (ms < std::chrono::seconds(1))
        throw UsageError(fmt::format("{}: '{}' is under one second", v->origin, v->value));
      out = std::chrono::duration_cast<std::chrono::seconds>(ms);
    }
  };
  seconds_setting("discovery_max_age", c.discovery.max_age);
  seconds_setting("discovery_refetch_interval", c.discovery.min_refetch_interval);
  if (auto v = settings.get("public_license")) c.public_license.name = license_name(*v);
  if (auto v = settings.get("public_license_url")) c.public_license.url = license_url(*v);
  c.database = load_database_target(settings);
  c.tls_cert = readable_file(settings, "tls_cert");
  c.tls_key = readable_file(settings, "tls_key");
  if (c.tls_cert.has_value() != c.tls_key.has_value())
    throw UsageError("--tls-cert and --tls-key go together: give both or neither");
  c.trust_ca = readable_file(settings, "trust_ca");
  c.static_dir = optional_setting(settings, "static_dir");

  if (auto v = settings.get("body_limit"))
    c.limits.body_limit =
        static_cast<std::size_t>(common::parse_integer_setting(*v, 1024, 1LL << 30));
  auto duration = [&](const char* key, std::chrono::milliseconds& out) {
    if (auto v = settings.get(key)) out = parse_duration(*v);
  };
  duration("header_timeout", c.limits.header_timeout);
  duration("idle_timeout", c.limits.idle_timeout);
  duration("body_timeout", c.limits.body_timeout);
  duration("write_timeout", c.limits.write_timeout);
  duration("shutdown_timeout", c.limits.shutdown_timeout);
  // Not zero: a zero backoff or poll would spin.
  auto positive_duration = [&](const char* key, std::chrono::milliseconds& out) {
    if (auto v = settings.get(key)) {
      out = parse_duration(*v);
      if (out < std::chrono::milliseconds(1))
        throw UsageError(fmt::format("{}: '{}' must be at least 1ms", v->origin, v->value));
    }
  };
  positive_duration("delivery_backoff_base", c.delivery.backoff.base);
  positive_duration("delivery_backoff_cap", c.delivery.backoff.cap);
  positive_duration("delivery_give_up_after", c.delivery.give_up_after);
  positive_duration("delivery_lease", c.delivery.lease);
  positive_duration("delivery_poll_interval", c.delivery.poll_interval);
  positive_duration("pull_interval", c.pull.interval);
  if (auto v = settings.get("delivery_workers"))
    c.delivery.workers = static_cast<unsigned>(common::parse_integer_setting(*v, 0, 64));
  if (auto v = settings.get("delivery_batch"))
    c.delivery.batch = static_cast<unsigned>(common::parse_integer_setting(*v, 1, 256));
  if (auto v = settings.get("pull_page_limit"))
    c.pull.page_limit = static_cast<int>(common::parse_integer_setting(*v, 1, 200));
  if (auto v = settings.get("inbox_transactions"))
    c.inbox.transactions = static_cast<std::size_t>(common::parse_integer_setting(*v, 1, 64));

  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  // Handlers block on the database, so run more threads than cores; one connection each.
  c.threads = std::max(4u, 2 * cores);
  if (auto v = settings.get("threads"))
    c.threads = static_cast<unsigned>(common::parse_integer_setting(*v, 1, 256));
  c.db_pool_size = c.threads + 2;  // headroom for background work
  if (auto v = settings.get("db_pool_size"))
    c.db_pool_size = static_cast<unsigned>(common::parse_integer_setting(*v, 1, 1000));
  if (auto v = settings.get("log_level")) c.log_level = common::parse_log_level(v->value);
  // Hashes carry their parameters, so a change applies to passwords set from then on. The
  // floors are the weakest pairing OWASP's password storage guidance lists (19 MiB, 2 passes).
  if (auto v = settings.get("password_hash_memory_kib"))
    c.password_hash.memory_kib =
        static_cast<uint32_t>(common::parse_integer_setting(*v, 19 * 1024, 4 * 1024 * 1024));
  if (auto v = settings.get("password_hash_passes"))
    c.password_hash.time_cost = static_cast<uint32_t>(common::parse_integer_setting(*v, 2, 16));
  return c;
}

}  // namespace hindsight::server
