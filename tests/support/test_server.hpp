// An in-process `hindsight serve` on 127.0.0.1 with an ephemeral port, a certificate from the
// test CA and its own database, plus an HTTPS client that verifies it against that CA.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "common/log/logger.hpp"
#include "federation/http/https_client.hpp"
#include "server/app.hpp"

namespace hindsight::test {

using HeaderPairs = std::vector<std::pair<std::string, std::string>>;

// The key-encryption key test servers share unless a test gives its own (base64 of 32 bytes).
inline constexpr const char* kTestKeyEncryptionKey = "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgMzIgYnl0ZXM=";

// Fills in what every test server needs unless `settings` gives it: its database and data
// directory, a listening address on loopback, TLS from the test CA (which it also trusts, for
// federation), small pools, and the shared key-encryption key.
void add_test_server_defaults(std::map<std::string, std::string>& settings,
                              const std::string& conninfo, const std::string& data_dir);

class TestServer {
 public:
  // `settings` are serve's settings by key (as in the config file); database, data_dir, listen,
  // the TLS files and the key-encryption key are filled in unless given.
  explicit TestServer(const std::string& conninfo,
                      std::map<std::string, std::string> settings = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  uint16_t port() const { return port_; }
  const server::Router& router() const { return app_->router(); }
  std::string url(const std::string& path) const;

  federation::HttpsResponse request(const std::string& method, const std::string& path,
                                    const std::string& body = {},
                                    const std::optional<std::string>& token = std::nullopt,
                                    const HeaderPairs& headers = {}) const;
  federation::HttpsResponse get(const std::string& path,
                                const std::optional<std::string>& token = std::nullopt) const {
    return request("GET", path, {}, token);
  }

  // Creates a user with that role directly in the database and returns an API token for it.
  std::string create_user_with_token(const std::string& username, const std::string& role) const;

  void stop();
  // The JSON log lines written so far.
  std::string log_text() const;

 private:
  std::string conninfo_;
  std::filesystem::path data_dir_;
  std::FILE* log_file_;
  std::unique_ptr<common::Logger> logger_;
  std::unique_ptr<server::ServerConfig> config_;
  std::unique_ptr<server::App> app_;
  std::unique_ptr<federation::HttpsClient> client_;
  std::thread thread_;
  uint16_t port_ = 0;
};

}  // namespace hindsight::test
