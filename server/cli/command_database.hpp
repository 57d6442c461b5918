// A short-lived connection pool on a migrated database, for one CLI command.
#pragma once

#include "common/config/settings.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/migrations.hpp"
#include "server/config/server_config.hpp"
#include "server/database_session.hpp"

namespace hindsight::server {

struct CommandDatabase {
  explicit CommandDatabase(const common::Settings& settings)
      : target(load_database_target(settings)), session(target), pool(session.conninfo(), 1) {
    auto lease = pool.acquire();
    common::db::MigrationRunner(common::db::embedded_migrations()).migrate(lease->connection);
  }
  DatabaseTarget target;
  DatabaseSession session;
  common::db::ConnectionPool pool;
};

}  // namespace hindsight::server
