// Applies the numbered migrations of sql/ (compiled into the binary) in order, each in its own
// transaction, under a PostgreSQL advisory lock so that several servers starting at once
// migrate exactly once. Applied migrations are recorded in schema_migrations with a checksum;
// an applied migration whose text changed since is refused rather than silently skipped.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

namespace hindsight::common::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

struct MigrationStatus {
  int latest_known = 0;    // highest version this binary has
  int latest_applied = 0;  // highest version in schema_migrations
  std::vector<int> pending;
};

// Sorts by version and rejects duplicate versions (std::invalid_argument).
std::vector<Migration> ordered_migrations(std::vector<Migration> migrations);
// "0003_postmortems.sql" -> {3, "postmortems"}; throws std::invalid_argument otherwise.
std::pair<int, std::string> parse_migration_file_name(const std::string& file_name);

class MigrationRunner {
 public:
  explicit MigrationRunner(std::vector<Migration> migrations);

  // Returns the versions it applied (empty when the schema was current).
  std::vector<int> migrate(pqxx::connection& conn) const;
  MigrationStatus status(pqxx::connection& conn) const;

 private:
  std::vector<Migration> migrations_;
};

// The migrations of this build's sql/ folder.
const std::vector<Migration>& embedded_migrations();

}  // namespace hindsight::common::db
