// ctest fixture: `test_cluster start DIR` starts a fresh PostgreSQL cluster in DIR with a
// migrated `hindsight_template` database that each test clones; `test_cluster stop DIR` stops
// it and removes DIR.
#include <filesystem>
#include <iostream>
#include <pqxx/pqxx>

#include "common/db/embedded_postgres.hpp"
#include "common/db/migrations.hpp"

namespace fs = std::filesystem;
using hindsight::common::EmbeddedPostgres;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: test_cluster start|stop DIR\n";
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
  std::cerr << "usage: test_cluster start|stop DIR\n";
  return 2;
}
