#include <iostream>

#include "common/crypto/password_hasher.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/migrations.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/cli/command_database.hpp"
#include "server/cli/commands.hpp"
#include "server/config/server_config.hpp"
#include "server/database_session.hpp"
#include "server/users/token_service.hpp"
#include "server/users/user_service.hpp"

namespace hindsight::server {
namespace {

std::string read_password_line() {
  std::string line;
  if (!std::getline(std::cin, line))
    throw common::UsageError("--password-stdin: no password on stdin");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int migrate_command(const common::Settings& settings) {
  DatabaseSession session(load_database_target(settings));
  common::db::ConnectionPool pool(session.conninfo(), 1);
  auto lease = pool.acquire();
  auto applied =
      common::db::MigrationRunner(common::db::embedded_migrations()).migrate(lease->connection);
  std::cerr << (applied.empty() ? "database schema is current\n"
                                : "applied " + std::to_string(applied.size()) + " migration(s)\n");
  return 0;
}

int user_add_command(const common::Settings& settings, const UserAddOptions& options) {
  auto role = parse_role(options.role);
  if (!role) throw common::UsageError("--role must be member, reviewer or admin");
  NewUser user{options.username, options.display_name.value_or(""), options.email, *role,
               read_password_line()};
  validate_new_user(user);  // before touching the database
  CommandDatabase database(settings);
  common::crypto::PasswordHasher hasher;
  UserService users(database.pool, hasher);
  auto created = common::db::with_transaction(
      database.pool, [&](common::db::Transaction& tx) { return users.create(tx, user); });
  std::cerr << "created user " << created.username << " (" << role_name(created.role) << ")\n";
  return 0;
}

int token_add_command(const common::Settings& settings, const std::string& username,
                      const std::string& name) {
  CommandDatabase database(settings);
  common::crypto::PasswordHasher hasher;
  auto user = UserService(database.pool, hasher).find_by_username(username);
  if (!user) throw common::UsageError("--username: no user named '" + username + "'");
  TokenService tokens(database.pool);
  auto created = common::db::with_transaction(database.pool, [&](common::db::Transaction& tx) {
    return tokens.create(tx, user->id, name, nullptr);
  });
  std::cout << created.token << "\n";
  return 0;
}

}  // namespace hindsight::server
