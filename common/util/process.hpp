// Runs a helper program (initdb, pg_ctl) to completion, optionally as another system user,
// and returns its exit status with everything it printed.
#pragma once

#include <sys/types.h>
#include <optional>
#include <string>
#include <vector>

namespace hindsight::common {

struct SystemUser {
  uid_t uid;
  gid_t gid;
  std::string name;
  std::string home;
};

// nullopt when there is no such user.
std::optional<SystemUser> find_system_user(const std::string& name);

struct ProcessResult {
  int exit_code;       // -1 when killed by a signal
  std::string output;  // stdout and stderr together
};

struct ProcessOptions {
  std::optional<SystemUser> run_as;  // drop to this user (the caller must be root)
  std::string working_directory;     // must be reachable by run_as
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options);

}  // namespace hindsight::common
