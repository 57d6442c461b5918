#include "server/cli/anonymize_cli.hpp"

#include <iostream>

#include "common/error/api_error.hpp"

namespace hindsight::server {

CLI::App* add_anonymize_subcommand(CLI::App& app, std::string& config_path) {
  auto* anonymize =
      app.add_subcommand("anonymize", "Anonymize JSON Lines documents from stdin to stdout.");
  anonymize->add_option("--config", config_path,
                        "TOML config file with an [anonymizer] table (env HINDSIGHT_CONFIG)");
  return anonymize;
}

int usage_error_exit(std::string_view message) {
  std::cerr << "hindsight: " << message << "\n";
  return 2;
}

int exit_for_current_exception(const CLI::App& app) {
  try {
    throw;
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    return usage_error_exit(message.substr(0, message.find('\n')) + " (see --help)");
  } catch (const common::UsageError& e) {
    return usage_error_exit(e.what());
  } catch (const std::exception& e) {
    std::cerr << "hindsight: " << e.what() << "\n";
    return 1;
  }
}

int run_anonymize_cli(int argc, char** argv) {
  CLI::App app{"Hindsight: blameless postmortems, shared safely between organizations."};
  app.name("hindsight");
  app.require_subcommand(1);
  std::string config_path;
  add_anonymize_subcommand(app, config_path);
  try {
    app.parse(argc, argv);
    return anonymize_command(config_path);
  } catch (...) {
    return exit_for_current_exception(app);
  }
}

}  // namespace hindsight::server
