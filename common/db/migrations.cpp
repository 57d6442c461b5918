#include "common/db/migrations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "common/crypto/digest.hpp"
#include "common/crypto/encoding.hpp"

namespace hindsight::common::db {
namespace {

// Any fixed 64-bit key; all Hindsight processes on a database agree on it.
constexpr long long kMigrationLockKey = 0x48696e6473696768;  // "Hindsigh"

constexpr const char* kCreateTable = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
))";

std::string checksum(const Migration& m) {
  return crypto::hex_encode(crypto::sha256(m.sql));
}

std::map<int, std::string> applied_checksums(pqxx::connection& conn) {
  pqxx::read_transaction tx(conn);
  auto exists = tx.exec("SELECT to_regclass('schema_migrations') IS NOT NULL");
  std::map<int, std::string> out;
  if (!exists[0][0].as<bool>()) return out;
  for (const auto& row : tx.exec("SELECT version, checksum FROM schema_migrations"))
    out[row[0].as<int>()] = row[1].as<std::string>();
  return out;
}

class AdvisoryLock {
 public:
  explicit AdvisoryLock(pqxx::connection& conn) : conn_(conn) {
    pqxx::nontransaction tx(conn_);
    tx.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
  }
  ~AdvisoryLock() {
    try {
      pqxx::nontransaction tx(conn_);
      tx.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
    } catch (...) {
      // The lock dies with the session anyway.
    }
  }

 private:
  pqxx::connection& conn_;
};

}  // namespace

std::vector<Migration> ordered_migrations(std::vector<Migration> migrations) {
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version)
      throw std::invalid_argument(
          fmt::format("two migrations have version {}", migrations[i].version));
  }
  return migrations;
}

std::pair<int, std::string> parse_migration_file_name(const std::string& file_name) {
  auto bad = [&] {
    return std::invalid_argument(
        fmt::format("migration file '{}' is not named NNNN_name.sql", file_name));
  };
  if (file_name.size() < 10 || file_name[4] != '_' || !file_name.ends_with(".sql")) throw bad();
  int version = 0;
  for (int i = 0; i < 4; ++i) {
    if (file_name[i] < '0' || file_name[i] > '9') throw bad();
    version = version * 10 + (file_name[i] - '0');
  }
  std::string name = file_name.substr(5, file_name.size() - 9);
  if (version == 0 || name.empty()) throw bad();
  return {version, name};
}

MigrationRunner::MigrationRunner(std::vector<Migration> migrations)
    : migrations_(ordered_migrations(std::move(migrations))) {}

std::vector<int> MigrationRunner::migrate(pqxx::connection& conn) const {
  AdvisoryLock lock(conn);
  {
    pqxx::work tx(conn);
    tx.exec(kCreateTable);
    tx.commit();
  }
  auto applied = applied_checksums(conn);
  int latest_known = migrations_.empty() ? 0 : migrations_.back().version;
  if (!applied.empty() && applied.rbegin()->first > latest_known)
    throw std::runtime_error(
        fmt::format("the database schema is at version {}, newer than this binary knows ({}): "
                    "upgrade hindsight",
                    applied.rbegin()->first, latest_known));

  std::vector<int> done;
  for (const auto& m : migrations_) {
    std::string sum = checksum(m);
    if (auto it = applied.find(m.version); it != applied.end()) {
      if (it->second != sum)
        throw std::runtime_error(fmt::format(
            "migration {:04d}_{} was changed after it was applied; add a new migration instead",
            m.version, m.name));
      continue;
    }
    pqxx::work tx(conn);
    tx.exec(m.sql);
    tx.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                   m.version, m.name, sum);
    tx.commit();
    done.push_back(m.version);
  }
  return done;
}

MigrationStatus MigrationRunner::status(pqxx::connection& conn) const {
  auto applied = applied_checksums(conn);
  MigrationStatus s;
  s.latest_known = migrations_.empty() ? 0 : migrations_.back().version;
  s.latest_applied = applied.empty() ? 0 : applied.rbegin()->first;
  for (const auto& m : migrations_)
    if (!applied.contains(m.version)) s.pending.push_back(m.version);
  return s;
}

}  // namespace hindsight::common::db
