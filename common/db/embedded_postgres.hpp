// The private PostgreSQL cluster under <data-dir>/pg that Hindsight uses when no --database is
// configured (docs/architecture.md, "Embedded PostgreSQL"). Unix socket only. Every hindsight
// process that uses the cluster holds a shared lock on <data-dir>/pg-users.lock; starting and
// stopping happen under the exclusive <data-dir>/pg-start.lock, and whoever finds no other user
// left when it is done stops the cluster, so a CLI command run while the server is up leaves it
// running.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "common/util/process.hpp"

namespace hindsight::common {

class EmbeddedPostgres {
 public:
  explicit EmbeddedPostgres(std::filesystem::path data_dir);
  ~EmbeddedPostgres();
  EmbeddedPostgres(const EmbeddedPostgres&) = delete;
  EmbeddedPostgres& operator=(const EmbeddedPostgres&) = delete;

  // Initializes the cluster on first use, starts it unless it runs, creates the `hindsight`
  // database, and registers this process as a user. Throws std::runtime_error with the tool's
  // output when initdb or pg_ctl fails.
  void acquire();
  // Unregisters; stops the cluster when no other process uses it. Idempotent.
  void release();
  // Unregisters without stopping: the cluster outlives this process (test fixtures).
  void detach();

  // Stops or starts the cluster regardless of users (operators' and tests' restarts).
  void stop();
  void start();
  bool running() const;

  std::string conninfo(const std::string& database = "hindsight") const;
  const std::filesystem::path& socket_dir() const { return socket_dir_; }
  const std::filesystem::path& cluster_dir() const { return cluster_dir_; }

 private:
  void initialize_if_needed();
  void start_locked();
  void create_database_if_missing();
  ProcessResult pg_tool(const std::string& tool, std::vector<std::string> args) const;

  std::filesystem::path data_dir_;
  std::filesystem::path cluster_dir_;
  std::filesystem::path socket_dir_;
  std::filesystem::path bin_dir_;
  std::optional<SystemUser> run_as_;
  int users_lock_fd_ = -1;
};

// Where the socket goes: <data-dir>/run when the socket path fits (under 100 bytes), else a
// private directory under /tmp named after the data directory.
std::filesystem::path embedded_socket_dir(const std::filesystem::path& absolute_data_dir);

// Quotes a value for a libpq conninfo string.
std::string conninfo_quote(const std::string& value);

}  // namespace hindsight::common
