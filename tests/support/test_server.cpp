#include "tests/support/test_server.hpp"

#include <future>

#include "common/config/settings.hpp"
#include "common/crypto/password_hasher.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "server/users/token_service.hpp"
#include "server/users/user_service.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {

void add_test_server_defaults(std::map<std::string, std::string>& settings,
                              const std::string& conninfo, const std::string& data_dir) {
  const auto& pki = test_pki();
  settings.try_emplace("database", conninfo);
  settings.try_emplace("data_dir", data_dir);
  settings.try_emplace("listen", "127.0.0.1:0");
  settings.try_emplace("tls_cert", pki.cert_file);
  settings.try_emplace("tls_key", pki.key_file);
  settings.try_emplace("trust_ca", pki.ca_file);  // other test servers, for federation
  settings.try_emplace("threads", "2");
  settings.try_emplace("db_pool_size", "4");
  // The cheapest Argon2 the server allows: these tests are not about password strength.
  settings.try_emplace("password_hash_memory_kib", "19456");
  settings.try_emplace("password_hash_passes", "2");
  // One key-encryption key for every test server: servers sharing a database share it.
  settings.try_emplace("key_encryption_key", kTestKeyEncryptionKey);
}

TestServer::TestServer(const std::string& conninfo, std::map<std::string, std::string> settings)
    : conninfo_(conninfo),
      data_dir_(make_temp_dir("hindsight-server")),
      // Append mode: reading the log back must not move where the server writes.
      log_file_(std::fopen((data_dir_ / "log.jsonl").c_str(), "a+")) {
  add_test_server_defaults(settings, conninfo, data_dir_.string());
  common::Settings resolved(
      settings, [](const std::string&) { return std::nullopt; }, common::ConfigFile());
  config_ = std::make_unique<server::ServerConfig>(server::load_server_config(resolved));
  logger_ = std::make_unique<common::Logger>(log_file_, common::LogLevel::debug);
  app_ = std::make_unique<server::App>(*config_, *logger_);
  port_ = app_->listen();
  std::promise<void> listening;
  auto ready = listening.get_future();
  thread_ = std::thread([this, &listening] { app_->run([&] { listening.set_value(); }); });
  ready.wait();
  federation::HttpsClientOptions options;
  options.trust_ca_file = test_pki().ca_file;
  options.use_system_store = false;
  options.max_response_bytes = 16 * 1024 * 1024;
  client_ = std::make_unique<federation::HttpsClient>(options);
}

TestServer::~TestServer() {
  stop();
  app_.reset();
  std::fclose(log_file_);
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

void TestServer::stop() {
  if (!thread_.joinable()) return;
  app_->stop();
  thread_.join();
}

std::string TestServer::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

federation::HttpsResponse TestServer::request(const std::string& method, const std::string& path,
                                              const std::string& body,
                                              const std::optional<std::string>& token,
                                              const HeaderPairs& headers) const {
  federation::HttpsRequest req;
  req.method = method;
  req.url = url(path);
  req.body = body;
  if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  if (token) req.headers.emplace_back("Authorization", "Bearer " + *token);
  req.headers.insert(req.headers.end(), headers.begin(), headers.end());
  return client_->send(std::move(req));
}

std::string TestServer::create_user_with_token(const std::string& username,
                                               const std::string& role) const {
  common::db::ConnectionPool pool(conninfo_, 1);
  // Cheap Argon2 parameters: these tests are not about password strength.
  common::crypto::PasswordHasher hasher({1, 1024, 1});
  server::UserService users(pool, hasher);
  server::TokenService tokens(pool);
  // One transaction: a user and its first token are made together or not at all.
  return common::db::with_transaction(pool, [&](common::db::Transaction& tx) {
    auto user = users.create(tx, {username, username + " display", std::nullopt,
                                  *server::parse_role(role), "correct horse battery staple"});
    return tokens.create(tx, user.id, "test", nullptr).token;
  });
}

std::string TestServer::log_text() const {
  std::fflush(log_file_);
  std::string out;
  std::rewind(log_file_);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, log_file_))
    out.append(buffer, n);
  return out;
}

}  // namespace hindsight::test
