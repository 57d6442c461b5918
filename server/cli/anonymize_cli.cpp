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

int parse_error_exit(const CLI::ParseError& error) {
  std::string message = error.what();
  return usage_error_exit(message.substr(0, message.find('\n')) + " (see --help)");
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
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    return parse_error_exit(e);
  } catch (const common::UsageError& e) {
    return usage_error_exit(e.what());
  } catch (const std::exception& e) {
    std::cerr << "hindsight: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace hindsight::server
