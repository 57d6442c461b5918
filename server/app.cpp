#include "app.hpp"

#include "api/account_routes.hpp"
#include "api/admin_routes.hpp"
#include "api/collaboration_routes.hpp"
#include "api/dictionary_routes.hpp"
#include "api/postmortem_routes.hpp"
#include "api/session_routes.hpp"
#include "api/system_routes.hpp"
#include "auth/authenticator.hpp"
#include "auth/session_service.hpp"
#include "crypto/password_hasher.hpp"
#include "database_session.hpp"
#include "dictionary/dictionary_service.hpp"
#include "db/connection_pool.hpp"
#include "db/migrations.hpp"
#include "http/dispatcher.hpp"
#include "http/https_client.hpp"
#include "http/https_server.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/tls_files.hpp"
#include "metrics/metrics_registry.hpp"
#include "postmortems/comment_service.hpp"
#include "postmortems/postmortem_search.hpp"
#include "postmortems/postmortem_service.hpp"
#include "users/token_service.hpp"
#include "users/user_service.hpp"

namespace hindsight::server {
namespace db = common::db;

namespace {

federation::HttpsClientOptions outgoing_client_options(const ServerConfig& config) {
  federation::HttpsClientOptions options;
  options.trust_ca_file = config.trust_ca.value_or("");
  return options;
}

}  // namespace

struct App::Components {
  Components(const ServerConfig& c, common::Logger& l)
      : config(c),
        logger(l),
        database(c.database),
        pool(database.conninfo(), c.db_pool_size),
        migrations(db::embedded_migrations()),
        outgoing(outgoing_client_options(c)),
        users(pool, hasher),
        tokens(pool),
        sessions(pool, hasher),
        postmortems(pool),
        search(pool),
        comments(pool),
        dictionary(pool),
        authenticator(pool, sessions),
        static_files(c.static_dir ? std::optional<std::filesystem::path>(*c.static_dir)
                                  : std::nullopt),
        dispatcher(router, authenticator, static_files, metrics, logger) {
    {
      auto lease = pool.acquire();
      auto applied = migrations.migrate(lease->connection);
      if (!applied.empty()) logger.info("database migrated", {{"applied", applied}});
    }
    first_admin_password = users.create_first_admin();
    add_system_routes(router, pool, migrations, metrics);
    add_account_routes(router, tokens);
    add_session_routes(router, sessions, users);
    add_admin_routes(router, users, pool);
    add_postmortem_routes(router, postmortems, search, pool);
    add_collaboration_routes(router, postmortems, comments);
    add_dictionary_routes(router, dictionary);
    metrics.on_render([this, &in_use = metrics.gauge("hindsight_db_pool_connections_in_use",
                                                     "Database connections leased right now.")] {
      in_use.set({}, static_cast<double>(pool.in_use()));
    });
    server = std::make_unique<HttpsServer>(config, resolve_tls_files(config, logger), dispatcher,
                                           logger);
  }

  const ServerConfig& config;
  common::Logger& logger;
  DatabaseSession database;
  common::MetricsRegistry metrics;
  db::ConnectionPool pool;
  db::MigrationRunner migrations;
  // HTTPS to other instances (discovery, delivery), trusting the system store plus --trust-ca.
  // Made at start so a bad CA file stops the server at once instead of at the first delivery.
  federation::HttpsClient outgoing;
  common::crypto::PasswordHasher hasher;
  UserService users;
  TokenService tokens;
  SessionService sessions;
  PostmortemService postmortems;
  PostmortemSearch search;
  CommentService comments;
  DictionaryService dictionary;
  Authenticator authenticator;
  Router router;
  StaticFiles static_files;
  Dispatcher dispatcher;
  std::unique_ptr<HttpsServer> server;
  std::optional<std::string> first_admin_password;
};

App::App(const ServerConfig& config, common::Logger& logger)
    : components_(std::make_unique<Components>(config, logger)) {}

App::~App() = default;

const std::optional<std::string>& App::first_admin_password() const {
  return components_->first_admin_password;
}

const Router& App::router() const {
  return components_->router;
}

uint16_t App::listen() {
  return components_->server->listen();
}

void App::run(const std::function<void()>& on_listening) {
  components_->server->run(on_listening);
}

void App::stop() {
  components_->server->stop();
}

}  // namespace hindsight::server
