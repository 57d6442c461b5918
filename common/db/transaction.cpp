#include "common/db/transaction.hpp"

namespace hindsight::common::db {

void Transaction::prepare(const Statement& statement) {
  std::string name(statement.name);
  if (conn_.prepared.contains(name)) return;
  conn_.connection.prepare(name, std::string(statement.sql));
  conn_.prepared.insert(std::move(name));
}

namespace {

bool is_connection_failure(const std::exception& e, const pqxx::connection& conn) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) return true;
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    // Class 08 (connection exception) and 57P01..57P03 (admin shutdown, crash, cannot connect).
    const std::string& state = sql->sqlstate();
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03")
      return true;
  }
  return !conn.is_open();
}

}  // namespace

void rethrow_if_connection_lost(const std::exception& e, ConnectionPool::Lease& lease) {
  if (!is_connection_failure(e, lease->connection)) return;
  std::string what = e.what();
  lease.discard();
  throw DatabaseUnavailable("database connection lost: " + what);
}

}  // namespace hindsight::common::db
