#include "tests/support/test_database.hpp"

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "common/crypto/encoding.hpp"
#include "common/crypto/random.hpp"
#include "common/db/embedded_postgres.hpp"

namespace hindsight::test {

std::string TestDatabase::conninfo_for(const std::string& database) {
  return common::EmbeddedPostgres(HINDSIGHT_TEST_PG_DIR).conninfo(database);
}

TestDatabase::TestDatabase(bool migrated)
    : name_("t_" + common::crypto::hex_encode(common::crypto::random_bytes(8))) {
  pqxx::connection admin(conninfo_for("postgres"));
  std::string sql = "CREATE DATABASE " + admin.quote_name(name_);
  if (migrated) sql += " TEMPLATE hindsight_template";
  // Two clones of one template at the same instant can collide; try again briefly.
  for (int attempt = 0;; ++attempt) {
    try {
      pqxx::nontransaction tx(admin);
      tx.exec(sql);
      return;
    } catch (const pqxx::sql_error&) {
      if (attempt >= 20) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(conninfo_for("postgres"));
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + admin.quote_name(name_) + " WITH (FORCE)");
  } catch (...) {
    // The fixture removes the whole cluster at the end anyway.
  }
}

std::string TestDatabase::conninfo() const {
  return conninfo_for(name_);
}

}  // namespace hindsight::test
