#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "common/db/database_error.hpp"
#include "common/error/api_error.hpp"
#include "federation/http/https_client.hpp"
#include "server/cli/anonymize_cli.hpp"
#include "server/cli/commands.hpp"
#include "server/config/server_config.hpp"

namespace hindsight::server {
namespace {

using common::Settings;

// Flags of one subcommand that are also settings (env HINDSIGHT_<KEY>, config file key).
class SettingFlags {
 public:
  SettingFlags(CLI::App* command, const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
      auto& storage = values_[key];
      options_[key] = command->add_option(Settings::flag_name(key), storage);
    }
    command->add_option("--config", config_path_, "TOML config file (env HINDSIGHT_CONFIG)");
  }

  Settings resolve() const {
    std::map<std::string, std::string> given;
    for (const auto& [key, option] : options_)
      if (option->count() > 0) given[key] = values_.at(key);
    auto env = common::process_environment();
    std::string path = config_path_;
    if (path.empty()) path = env("HINDSIGHT_CONFIG").value_or("");
    common::ConfigFile file;
    if (!path.empty()) {
      file = common::ConfigFile::load(path);
      for (const auto& key : file.keys()) {
        const auto& known = server_setting_keys();
        const auto& secret = secret_setting_keys();
        if (key != "anonymizer" && std::find(known.begin(), known.end(), key) == known.end() &&
            std::find(secret.begin(), secret.end(), key) == secret.end())
          throw common::UsageError(fmt::format("config file {}: unknown key '{}'", path, key));
      }
    }
    return Settings(std::move(given), env, std::move(file));
  }

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, CLI::Option*> options_;
  std::string config_path_;
};

const std::vector<std::string> kDatabaseKeys = {"database", "data_dir"};

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"Hindsight: blameless postmortems, shared safely between organizations."};
  app.name("hindsight");
  app.require_subcommand(1);

  auto* serve = app.add_subcommand("serve", "Run the HTTPS server.");
  SettingFlags serve_flags(serve, server_setting_keys());

  auto* migrate = app.add_subcommand("migrate", "Apply database migrations and exit.");
  SettingFlags migrate_flags(migrate, kDatabaseKeys);

  auto* user = app.add_subcommand("user", "Manage users.");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a user; the password is read from stdin.");
  UserAddOptions user_options;
  bool password_stdin = false;
  user_add->add_option("--username", user_options.username)->required();
  user_add->add_option("--role", user_options.role, "member, reviewer or admin")->required();
  user_add->add_option("--display-name", user_options.display_name);
  user_add->add_option("--email", user_options.email);
  user_add->add_flag("--password-stdin", password_stdin, "read the password from stdin")
      ->required();
  SettingFlags user_add_flags(user_add, kDatabaseKeys);

  auto* token = app.add_subcommand("token", "Manage API tokens.");
  token->require_subcommand(1);
  auto* token_add = token->add_subcommand("add", "Create an API token and print it.");
  std::string token_user;
  std::string token_name;
  token_add->add_option("--username", token_user)->required();
  token_add->add_option("--name", token_name, "a label for the token");
  SettingFlags token_add_flags(token_add, kDatabaseKeys);

  auto* keys = app.add_subcommand("keys", "Manage the instance's federation signing keys.");
  keys->require_subcommand(1);
  auto* keys_rotate = keys->add_subcommand(
      "rotate", "Add a signing key; the previous keys keep verifying for 7 days.");
  SettingFlags keys_rotate_flags(keys_rotate, kDatabaseKeys);
  auto* keys_revoke =
      keys->add_subcommand("revoke", "Drop a key from discovery at once; it stops verifying.");
  std::string revoked_key;
  keys_revoke->add_option("KEYID", revoked_key, "the key id (kXXXX, or its full discovery id)")
      ->required();
  SettingFlags keys_revoke_flags(keys_revoke, kDatabaseKeys);
  auto* keys_list = keys->add_subcommand("list", "List the keys, newest first.");
  SettingFlags keys_list_flags(keys_list, kDatabaseKeys);

  std::string anonymize_config;
  auto* anonymize = add_anonymize_subcommand(app, anonymize_config);

  try {
    app.parse(argc, argv);
    if (serve->parsed()) return serve_command(serve_flags.resolve());
    if (migrate->parsed()) return migrate_command(migrate_flags.resolve());
    if (user_add->parsed()) return user_add_command(user_add_flags.resolve(), user_options);
    if (anonymize->parsed()) return anonymize_command(anonymize_config);
    if (token_add->parsed())
      return token_add_command(token_add_flags.resolve(), token_user, token_name);
    if (keys_rotate->parsed()) return keys_rotate_command(keys_rotate_flags.resolve());
    if (keys_revoke->parsed()) return keys_revoke_command(keys_revoke_flags.resolve(), revoked_key);
    if (keys_list->parsed()) return keys_list_command(keys_list_flags.resolve());
    return 2;
  } catch (const federation::HttpsError& e) {
    // Raised at start-up only by an unusable --trust-ca file.
    return usage_error_exit(e.what());
  } catch (const common::ApiError& e) {
    // Input the command refused (a taken username, a short password).
    std::cerr << "hindsight: " << e.what() << "\n";
    return e.status() >= 500 ? 1 : 2;
  } catch (...) {
    return exit_for_current_exception(app);
  }
}

}  // namespace hindsight::server
