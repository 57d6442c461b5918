// Everything `hindsight serve` is configured with, resolved once at start-up (flags > env >
// file > defaults) into one immutable struct that is passed down.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "common/config/settings.hpp"
#include "common/crypto/password_hasher.hpp"
#include "common/log/logger.hpp"
#include "federation/discovery/discovery_client.hpp"
#include "federation/inbound/origin_rate_limiter.hpp"
#include "federation/inbox/inbox_settings.hpp"
#include "federation/outbox/delivery_settings.hpp"
#include "federation/pull/pull_settings.hpp"

namespace hindsight::server {

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
  std::string to_string() const;  // brackets around IPv6 literals
};

struct HttpLimits {
  std::size_t body_limit = 1024 * 1024;
  std::chrono::milliseconds header_timeout{10'000};  // whole request header
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive wait for the next request
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_timeout{30'000};  // in-flight requests' grace on SIGTERM
};

// Where the database is: an explicit conninfo, or the embedded cluster in data_dir.
struct DatabaseTarget {
  std::optional<std::string> conninfo;
  std::filesystem::path data_dir;
};

// The open licence public lessons are shared under (docs/federation.md, "Public lessons").
struct PublicLicense {
  std::string name = "CC BY 4.0";
  std::string url = "https://creativecommons.org/licenses/by/4.0/";
};

struct ServerConfig {
  ListenAddress listen;
  std::string public_url;
  std::string name;
  std::string peer_name;
  DatabaseTarget database;
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  std::optional<std::string> trust_ca;
  std::optional<std::string> static_dir;
  // Seals the instance's private keys; unset means a file in the data directory.
  std::optional<common::SettingValue> key_encryption_key;
  // peer_addresses = "public": refuse peers on loopback, private and similar addresses. The
  // default ("any") allows them, for instances that federate inside one network.
  bool public_peers_only = false;
  // Requests per second one origin may send (a token bucket of peer_rate_burst); over it: 429.
  federation::PeerRateLimit peer_rate;
  // How long another instance's discovery document is trusted, and how often it may be fetched
  // again for a key it does not list.
  federation::DiscoveryTiming discovery;
  // Push delivery: backoff, give-up window, claim lease, polling and workers (delivery_*).
  federation::DeliverySettings delivery;
  // Pull catch-up: how often every accepted subscription is pulled, and the page size (pull_*).
  federation::PullSettings pull;
  // Lesson events stored in groups: how many groups at once (inbox_transactions).
  federation::InboxGroupSettings inbox;
  // Named and linked on every public lesson and in the public feed.
  PublicLicense public_license;
  HttpLimits limits;
  // Argon2id cost of the password hashes this server makes (password_hash_*).
  common::crypto::Argon2Params password_hash;
  unsigned threads = 4;
  unsigned db_pool_size = 8;
  common::LogLevel log_level = common::LogLevel::info;
};

// The keys `serve` accepts, in flags, HINDSIGHT_* and the config file.
const std::vector<std::string>& server_setting_keys();
// Secrets: read from HINDSIGHT_* or the config file only, never a flag (the process list
// shows flags to every user of the machine).
const std::vector<std::string>& secret_setting_keys();

ServerConfig load_server_config(const common::Settings& settings);
DatabaseTarget load_database_target(const common::Settings& settings);
std::filesystem::path default_data_dir();

ListenAddress parse_listen_address(const common::SettingValue& value);
// "250ms", "10s", "5m", "1h", or a bare number of seconds.
std::chrono::milliseconds parse_duration(const common::SettingValue& value);

}  // namespace hindsight::server
