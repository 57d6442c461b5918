// ctest fixture: `test_cluster start DIR [--no-fsync]` starts a fresh PostgreSQL cluster in DIR
// with a migrated `hindsight_template` database that each test clones; `test_cluster stop DIR`
// stops it and removes DIR.
//
// --no-fsync is for the test suite's cluster, which is thrown away: PostgreSQL 15 makes a
// checkpoint for every DROP DATABASE, and each test drops the databases it made, so with fsync
// on every test waited one to three seconds per database for the disk. Benchmarks leave it out
// and measure with the durability a server has.
#include <filesystem>
#include <iostream>
#include <pqxx/pqxx>

#include "common/db/embedded_postgres.hpp"
#include "common/db/migrations.hpp"

namespace fs = std::filesystem;
using hindsight::common::EmbeddedPostgres;

constexpr const char* kUsage = "usage: test_cluster start DIR [--no-fsync] | stop DIR\n";

int main(int argc, char** argv) {
  bool no_fsync =
      argc == 4 && std::string(argv[1]) == "start" && std::string(argv[3]) == "--no-fsync";
  if (argc != 3 && !no_fsync) {
    std::cerr << kUsage;
    return 2;
  }
  std::string command = argv[1];
  fs::path dir = argv[2];
  try {
    if (command == "start") {
      if (fs::exists(dir)) {
        EmbeddedPostgres(dir).stop();  // left over from an interrupted run
        fs::remove_all(dir);
      }
      EmbeddedPostgres pg(dir);
      pg.acquire();
      {
        pqxx::connection admin(pg.conninfo("postgres"));
        pqxx::nontransaction tx(admin);
        if (no_fsync) {
          tx.exec("ALTER SYSTEM SET fsync = off");
          tx.exec("ALTER SYSTEM SET full_page_writes = off");
          tx.exec("SELECT pg_reload_conf()");
        }
        tx.exec("CREATE DATABASE hindsight_template");
      }
      pqxx::connection conn(pg.conninfo("hindsight_template"));
      hindsight::common::db::MigrationRunner(hindsight::common::db::embedded_migrations())
          .migrate(conn);
      pg.detach();  // the cluster outlives this process until `stop`
      std::cout << pg.conninfo() << "\n";
      return 0;
    }
    if (command == "stop") {
      if (fs::exists(dir)) {
        EmbeddedPostgres(dir).stop();
        fs::remove_all(dir);
      }
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "test_cluster " << command << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << kUsage;
  return 2;
}
