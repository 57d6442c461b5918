// The subcommands of the `hindsight` binary (docs/architecture.md, "Command-line contract").
// Each takes resolved settings and returns the process exit code.
#pragma once

#include <optional>
#include <string>

#include "common/config/settings.hpp"

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
// The instance's signing keys: rotate prints the new key id on stdout.
int keys_rotate_command(const common::Settings& settings);
int keys_revoke_command(const common::Settings& settings, const std::string& key_id);
int keys_list_command(const common::Settings& settings);

}  // namespace hindsight::server
