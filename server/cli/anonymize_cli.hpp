// `hindsight anonymize` (docs/anonymizer.md, "Command line"), apart from the server's commands:
// it links only the anonymizer and the config reader, so the `hindsight` binary can run it
// without loading the server's libraries (server/front_main.cpp).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace hindsight::server {

// The subcommand and its flags, added to `app`; `config_path` receives --config.
CLI::App* add_anonymize_subcommand(CLI::App& app, std::string& config_path);
// A whole `hindsight anonymize ...` command line; returns the exit code.
int run_anonymize_cli(int argc, char** argv);
// stdin JSON Lines to stdout; `config_path` may be empty.
int anonymize_command(const std::string& config_path);

// How both binaries' command lines end on an error: "hindsight: ..." on stderr, exit code 2.
int usage_error_exit(std::string_view message);
// Inside a catch block, for the exception being handled: --help prints `app`'s help (0); a bad
// command line or a UsageError says so (2); anything else is a failure (1).
int exit_for_current_exception(const CLI::App& app);

}  // namespace hindsight::server
