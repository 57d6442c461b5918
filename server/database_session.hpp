// The database a command works on: --database as given, or the embedded cluster in the data
// directory, started if needed and stopped when this command was its last user.
#pragma once

#include <memory>
#include <string>

#include "common/db/embedded_postgres.hpp"
#include "server/config/server_config.hpp"

namespace hindsight::server {

class DatabaseSession {
 public:
  explicit DatabaseSession(const DatabaseTarget& target);
  const std::string& conninfo() const { return conninfo_; }

 private:
  std::unique_ptr<common::EmbeddedPostgres> embedded_;
  std::string conninfo_;
};

}  // namespace hindsight::server
