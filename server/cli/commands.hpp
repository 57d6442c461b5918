// The subcommands of the `hindsight` binary (DESIGN.md, "Command-line contract"). Each takes
// resolved settings and returns the process exit code.
#pragma once

#include <optional>
#include <string>

#include "config/settings.hpp"

namespace hindsight::server {

int run_cli(int argc, char** argv);

int serve_command(const common::Settings& settings);
int migrate_command(const common::Settings& settings);

struct UserAddOptions {
  std::string username;
  std::string role;
  std::optional<std::string> display_name;
  std::optional<std::string> email;
};
int user_add_command(const common::Settings& settings, const UserAddOptions& options);
int token_add_command(const common::Settings& settings, const std::string& username,
                      const std::string& name);

}  // namespace hindsight::server
