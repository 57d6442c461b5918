// `hindsight serve` configuration: listen addresses, durations, and load_server_config's
// defaults and refusals. Settings come from a flags map and a fake environment only.
#include "server/config/server_config.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include "tests/support/usage_error_message.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "common/config/config_file.hpp"
#include "common/config/settings.hpp"
#include "common/error/api_error.hpp"

namespace hindsight::server {
namespace {
using common::SettingValue;
using common::UsageError;

common::EnvLookup no_env() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

common::Settings settings_from(std::map<std::string, std::string> flags) {
  return common::Settings(std::move(flags), no_env(), common::ConfigFile{});
}

using test::usage_error_message;

// A readable file that exists for the lifetime of the object.
class TempFile {
 public:
  TempFile() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("hindsight-server-config-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++) + ".pem");
    std::ofstream out(path_);
    out << "not really a certificate\n";
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// --- parse_listen_address ---------------------------------------------------------------------

TEST(ParseListenAddress, AcceptsIpv4HostAndPort) {
  ListenAddress a = parse_listen_address({"192.168.1.10:8443", "--listen"});
  EXPECT_EQ(a.host, "192.168.1.10");
  EXPECT_EQ(a.port, 8443);
  EXPECT_EQ(a.to_string(), "192.168.1.10:8443");
}

// The listener binds an address, so names and ambiguous IPv6 forms are refused up front.
TEST(ParseListenAddress, RejectsHostNamesAndUnbracketedIpv6) {
  EXPECT_THROW(parse_listen_address({"localhost:9000", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"::1:8443", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"[127.0.0.1]:8443", "--listen"}), UsageError);
}

TEST(ParseListenAddress, RemovesBracketsAroundIpv6) {
  ListenAddress a = parse_listen_address({"[::1]:8443", "--listen"});
  EXPECT_EQ(a.host, "::1");
  EXPECT_EQ(a.port, 8443);
  // to_string puts them back.
  EXPECT_EQ(a.to_string(), "[::1]:8443");
}

TEST(ParseListenAddress, PortZeroAndMaximumAccepted) {
  EXPECT_EQ(parse_listen_address({"127.0.0.1:0", "--listen"}).port, 0);
  EXPECT_EQ(parse_listen_address({"127.0.0.1:65535", "--listen"}).port, 65535);
}

TEST(ParseListenAddress, MissingPortRejected) {
  EXPECT_THROW(parse_listen_address({"127.0.0.1", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"127.0.0.1:", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"[::1]", "--listen"}), UsageError);
}

TEST(ParseListenAddress, MissingHostRejected) {
  EXPECT_THROW(parse_listen_address({":8443", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"[]:8443", "--listen"}), UsageError);
}

TEST(ParseListenAddress, BadPortRejected) {
  EXPECT_THROW(parse_listen_address({"127.0.0.1:https", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"127.0.0.1:-1", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"127.0.0.1:80x", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"[::1:8443", "--listen"}), UsageError);
}

TEST(ParseListenAddress, PortAbove65535Rejected) {
  EXPECT_THROW(parse_listen_address({"127.0.0.1:65536", "--listen"}), UsageError);
  EXPECT_THROW(parse_listen_address({"127.0.0.1:99999999999", "--listen"}), UsageError);
}

TEST(ParseListenAddress, ErrorNamesOriginAndValue) {
  std::string message = usage_error_message([] {
    parse_listen_address({"nowhere", "HINDSIGHT_LISTEN"});
  });
  EXPECT_NE(message.find("HINDSIGHT_LISTEN"), std::string::npos) << message;
  EXPECT_NE(message.find("nowhere"), std::string::npos) << message;
}

// --- parse_duration ---------------------------------------------------------------------------

TEST(ParseDuration, AcceptsMillisecondsSecondsMinutesHours) {
  EXPECT_EQ(parse_duration({"500ms", "--idle-timeout"}).count(), 500);
  EXPECT_EQ(parse_duration({"10s", "--idle-timeout"}).count(), 10'000);
  EXPECT_EQ(parse_duration({"5m", "--idle-timeout"}).count(), 300'000);
  EXPECT_EQ(parse_duration({"1h", "--idle-timeout"}).count(), 3'600'000);
}

TEST(ParseDuration, BareNumberIsSeconds) {
  EXPECT_EQ(parse_duration({"30", "--idle-timeout"}).count(), 30'000);
  EXPECT_EQ(parse_duration({"0", "--idle-timeout"}).count(), 0);
}

TEST(ParseDuration, FractionsAreScaled) {
  EXPECT_EQ(parse_duration({"1.5s", "--idle-timeout"}).count(), 1500);
}

TEST(ParseDuration, RejectsNonNumbersNegativesAndUnknownUnits) {
  EXPECT_THROW(parse_duration({"abc", "--idle-timeout"}), UsageError);
  EXPECT_THROW(parse_duration({"-1s", "--idle-timeout"}), UsageError);
  EXPECT_THROW(parse_duration({"10x", "--idle-timeout"}), UsageError);
  EXPECT_THROW(parse_duration({"", "--idle-timeout"}), UsageError);
  EXPECT_THROW(parse_duration({"ms", "--idle-timeout"}), UsageError);
  EXPECT_THROW(parse_duration({"10 s", "--idle-timeout"}), UsageError);
}

TEST(ParseDuration, ErrorNamesOrigin) {
  std::string message = usage_error_message([] {
    parse_duration({"soon", "HINDSIGHT_BODY_TIMEOUT"});
  });
  EXPECT_NE(message.find("HINDSIGHT_BODY_TIMEOUT"), std::string::npos) << message;
  EXPECT_NE(message.find("soon"), std::string::npos) << message;
}

// --- load_server_config -----------------------------------------------------------------------

TEST(LoadServerConfig, DefaultsWithNoSettings) {
  ServerConfig c = load_server_config(settings_from({}));
  EXPECT_EQ(c.listen.host, "127.0.0.1");
  EXPECT_EQ(c.listen.port, 8443);
  EXPECT_EQ(c.public_url, "https://127.0.0.1:8443");
  EXPECT_EQ(c.name, "Hindsight");
  EXPECT_EQ(c.peer_name, "Hindsight");
  EXPECT_FALSE(c.tls_cert.has_value());
  EXPECT_FALSE(c.tls_key.has_value());
  EXPECT_FALSE(c.trust_ca.has_value());
  EXPECT_FALSE(c.static_dir.has_value());
  EXPECT_FALSE(c.database.conninfo.has_value());
  EXPECT_EQ(c.limits.body_limit, 1024u * 1024u);
  EXPECT_EQ(c.log_level, common::LogLevel::info);
  EXPECT_GE(c.threads, 4u);
  EXPECT_EQ(c.db_pool_size, c.threads + 2);
}

TEST(LoadServerConfig, PublicUrlDefaultsToListenAddress) {
  EXPECT_EQ(load_server_config(settings_from({{"listen", "0.0.0.0:9443"}})).public_url,
            "https://0.0.0.0:9443");
  EXPECT_EQ(load_server_config(settings_from({{"listen", "[::1]:8443"}})).public_url,
            "https://[::1]:8443");
}

TEST(LoadServerConfig, PeerNameDefaultsToName) {
  ServerConfig c = load_server_config(settings_from({{"name", "Acme Ops"}}));
  EXPECT_EQ(c.name, "Acme Ops");
  EXPECT_EQ(c.peer_name, "Acme Ops");

  ServerConfig both =
      load_server_config(settings_from({{"name", "Acme Ops"}, {"peer_name", "acme"}}));
  EXPECT_EQ(both.name, "Acme Ops");
  EXPECT_EQ(both.peer_name, "acme");
}

TEST(LoadServerConfig, DeliveryWorkersFromZeroToSixtyFour) {
  EXPECT_EQ(load_server_config(settings_from({})).delivery.workers, 4u);
  // Zero: a process that answers requests and leaves sending to others on its database.
  EXPECT_EQ(load_server_config(settings_from({{"delivery_workers", "0"}})).delivery.workers, 0u);
  EXPECT_EQ(load_server_config(settings_from({{"delivery_workers", "64"}})).delivery.workers, 64u);
  EXPECT_THROW(load_server_config(settings_from({{"delivery_workers", "65"}})), UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"delivery_workers", "-1"}})), UsageError);
}

TEST(LoadServerConfig, DeliveryBatchFromOneTo256) {
  EXPECT_EQ(load_server_config(settings_from({})).delivery.batch, 32u);
  EXPECT_EQ(load_server_config(settings_from({{"delivery_batch", "1"}})).delivery.batch, 1u);
  EXPECT_EQ(load_server_config(settings_from({{"delivery_batch", "256"}})).delivery.batch, 256u);
  EXPECT_THROW(load_server_config(settings_from({{"delivery_batch", "0"}})), UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"delivery_batch", "257"}})), UsageError);
}

TEST(LoadServerConfig, InboxTransactionsAreAtLeastOne) {
  EXPECT_EQ(load_server_config(settings_from({})).inbox.transactions, 2u);
  EXPECT_EQ(load_server_config(settings_from({{"inbox_transactions", "1"}})).inbox.transactions,
            1u);
  EXPECT_THROW(load_server_config(settings_from({{"inbox_transactions", "0"}})), UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"inbox_transactions", "65"}})), UsageError);
}

TEST(LoadServerConfig, PasswordHashCostHasOwaspFloors) {
  ServerConfig defaults = load_server_config(settings_from({}));
  EXPECT_EQ(defaults.password_hash.memory_kib, 65536u);
  EXPECT_EQ(defaults.password_hash.time_cost, 3u);
  ServerConfig cheapest = load_server_config(
      settings_from({{"password_hash_memory_kib", "19456"}, {"password_hash_passes", "2"}}));
  EXPECT_EQ(cheapest.password_hash.memory_kib, 19456u);
  EXPECT_EQ(cheapest.password_hash.time_cost, 2u);
  EXPECT_THROW(load_server_config(settings_from({{"password_hash_memory_kib", "19455"}})),
               UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"password_hash_passes", "1"}})), UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"password_hash_passes", "17"}})), UsageError);
}

TEST(LoadServerConfig, EnvironmentSettingIsUsed) {
  common::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HINDSIGHT_NAME") return "From Env";
    return std::nullopt;
  };
  ServerConfig c = load_server_config(common::Settings({}, env, common::ConfigFile{}));
  EXPECT_EQ(c.name, "From Env");
}

TEST(LoadServerConfig, PublicUrlTrailingSlashRemoved) {
  ServerConfig c =
      load_server_config(settings_from({{"public_url", "https://hindsight.example.com/"}}));
  EXPECT_EQ(c.public_url, "https://hindsight.example.com");

  ServerConfig with_port =
      load_server_config(settings_from({{"public_url", "https://hindsight.example.com:9443"}}));
  EXPECT_EQ(with_port.public_url, "https://hindsight.example.com:9443");
}

TEST(LoadServerConfig, PublicUrlWithPathRejected) {
  std::string message = usage_error_message([] {
    load_server_config(settings_from({{"public_url", "https://hindsight.example.com/app"}}));
  });
  EXPECT_NE(message.find("https://hindsight.example.com/app"), std::string::npos) << message;
}

TEST(LoadServerConfig, PublicUrlWithHttpSchemeRejected) {
  EXPECT_THROW(load_server_config(settings_from({{"public_url", "http://hindsight.example.com"}})),
               UsageError);
}

TEST(LoadServerConfig, PublicUrlWithQueryOrNoHostRejected) {
  EXPECT_THROW(
      load_server_config(settings_from({{"public_url", "https://hindsight.example.com?x=1"}})),
      UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"public_url", "hindsight.example.com"}})),
               UsageError);
  EXPECT_THROW(load_server_config(settings_from({{"public_url", "https://"}})), UsageError);
}

TEST(LoadServerConfig, TlsCertWithoutKeyRejected) {
  TempFile cert;
  std::string message = usage_error_message([&] {
    load_server_config(settings_from({{"tls_cert", cert.path()}}));
  });
  EXPECT_NE(message.find("--tls-key"), std::string::npos) << message;
}

TEST(LoadServerConfig, TlsKeyWithoutCertRejected) {
  TempFile key;
  EXPECT_THROW(load_server_config(settings_from({{"tls_key", key.path()}})), UsageError);
}

TEST(LoadServerConfig, TlsCertAndKeyTogetherAccepted) {
  TempFile cert;
  TempFile key;
  ServerConfig c =
      load_server_config(settings_from({{"tls_cert", cert.path()}, {"tls_key", key.path()}}));
  EXPECT_EQ(c.tls_cert, std::optional<std::string>(cert.path()));
  EXPECT_EQ(c.tls_key, std::optional<std::string>(key.path()));
}

TEST(LoadServerConfig, UnreadableTlsFileRejectedNamingFlagAndPath) {
  TempFile key;
  const std::string missing = "/nonexistent-hindsight-test-dir/cert.pem";
  std::string message = usage_error_message([&] {
    load_server_config(settings_from({{"tls_cert", missing}, {"tls_key", key.path()}}));
  });
  EXPECT_NE(message.find("--tls-cert"), std::string::npos) << message;
  EXPECT_NE(message.find(missing), std::string::npos) << message;
}

TEST(LoadServerConfig, BodyLimitParsed) {
  ServerConfig c = load_server_config(settings_from({{"body_limit", "2048"}}));
  EXPECT_EQ(c.limits.body_limit, 2048u);
}

TEST(LoadServerConfig, BodyLimitOutOfRangeOrNotANumberRejected) {
  std::string message = usage_error_message([] {
    load_server_config(settings_from({{"body_limit", "lots"}}));
  });
  EXPECT_NE(message.find("--body-limit"), std::string::npos) << message;
  EXPECT_THROW(load_server_config(settings_from({{"body_limit", "10"}})), UsageError);
}

TEST(LoadServerConfig, TimeoutsParsedAsDurations) {
  ServerConfig c = load_server_config(settings_from(
      {{"idle_timeout", "90s"}, {"header_timeout", "250ms"}, {"shutdown_timeout", "1m"}}));
  EXPECT_EQ(c.limits.idle_timeout.count(), 90'000);
  EXPECT_EQ(c.limits.header_timeout.count(), 250);
  EXPECT_EQ(c.limits.shutdown_timeout.count(), 60'000);
  EXPECT_THROW(load_server_config(settings_from({{"body_timeout", "soon"}})), UsageError);
}

TEST(LoadServerConfig, PoolSizeFollowsThreadsUnlessGiven) {
  ServerConfig c = load_server_config(settings_from({{"threads", "6"}}));
  EXPECT_EQ(c.threads, 6u);
  EXPECT_EQ(c.db_pool_size, 8u);

  ServerConfig explicit_pool =
      load_server_config(settings_from({{"threads", "6"}, {"db_pool_size", "20"}}));
  EXPECT_EQ(explicit_pool.db_pool_size, 20u);
}

TEST(LoadServerConfig, LogLevelParsed) {
  EXPECT_EQ(load_server_config(settings_from({{"log_level", "debug"}})).log_level,
            common::LogLevel::debug);
  EXPECT_THROW(load_server_config(settings_from({{"log_level", "loud"}})), UsageError);
}

TEST(LoadServerConfig, PublicLicenceDefaultsToCcBy4) {
  auto c = load_server_config(settings_from({}));
  EXPECT_EQ(c.public_license.name, "CC BY 4.0");
  EXPECT_EQ(c.public_license.url, "https://creativecommons.org/licenses/by/4.0/");
  c = load_server_config(settings_from(
      {{"public_license", "CC0 1.0"},
       {"public_license_url", "https://creativecommons.org/publicdomain/zero/1.0/"}}));
  EXPECT_EQ(c.public_license.name, "CC0 1.0");
  EXPECT_EQ(c.public_license.url, "https://creativecommons.org/publicdomain/zero/1.0/");
}

TEST(LoadServerConfig, PublicLicenceMustBeALineAndAnAbsoluteWebAddress) {
  for (const char* name : {"", "two\nlines", "tab\there"})
    EXPECT_THROW(load_server_config(settings_from({{"public_license", name}})), UsageError) << name;
  EXPECT_THROW(load_server_config(settings_from({{"public_license", std::string(201, 'x')}})),
               UsageError);
  for (const char* url : {"creativecommons.org/licenses/by/4.0/", "/licence", "ftp://a.example/l",
                          "https:///no-host", "https://a.example/a b", "javascript:alert(1)"})
    EXPECT_THROW(load_server_config(settings_from({{"public_license_url", url}})), UsageError)
        << url;
  std::string message = usage_error_message([] {
    load_server_config(settings_from({{"public_license_url", "nowhere"}}));
  });
  EXPECT_NE(message.find("--public-license-url"), std::string::npos) << message;
}

}  // namespace
}  // namespace hindsight::server
