// `hindsight keys rotate|revoke|list`: the instance's signing keys (docs/federation.md,
// "Identity and keys"). Audited as the command line.
#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "federation/identity/instance_keys.hpp"
#include "federation/identity/key_encryption_key.hpp"
#include "server/cli/command_database.hpp"
#include "server/cli/commands.hpp"

namespace hindsight::server {
namespace db = common::db;
namespace {

const common::audit::Actor kCommandLine{std::nullopt, "cli"};

federation::InstanceKeys instance_keys(const common::Settings& settings,
                                       const CommandDatabase& database) {
  return federation::InstanceKeys(federation::load_key_encryption_key(
      settings.get("key_encryption_key"), database.target.data_dir));
}

std::string describe_end(const federation::InstanceKey& key) {
  if (key.revoked_at) return "revoked " + common::format_rfc3339(*key.revoked_at);
  if (key.not_after) return "verifies until " + common::format_rfc3339(*key.not_after);
  return "no end";
}

}  // namespace

int keys_rotate_command(const common::Settings& settings) {
  CommandDatabase database(settings);
  auto keys = instance_keys(settings, database);
  auto made = db::with_transaction(database.pool, [&](db::Transaction& tx) {
    keys.ensure_key(tx);
    return keys.rotate(tx, kCommandLine);
  });
  std::cerr << fmt::format("new key {} signs from now; the previous keys verify for {} days\n",
                           made.key_id, federation::kRotationGrace.count() / 24);
  std::cout << made.key_id << "\n";
  return 0;
}

int keys_revoke_command(const common::Settings& settings, const std::string& key_id) {
  // The full id from discovery names the same key as its fragment.
  std::string fragment =
      key_id.substr(key_id.find('#') == std::string::npos ? 0 : key_id.find('#') + 1);
  CommandDatabase database(settings);
  bool revoked = db::with_transaction(database.pool, [&](db::Transaction& tx) {
    try {
      return federation::revoke_instance_key(tx, kCommandLine, fragment);
    } catch (const std::invalid_argument& e) {
      throw common::UsageError(e.what());
    }
  });
  if (!revoked) throw common::UsageError(fmt::format("no unrevoked key named '{}'", key_id));
  std::cerr << fmt::format("revoked {}: it is gone from discovery now\n", fragment);
  return 0;
}

int keys_list_command(const common::Settings& settings) {
  CommandDatabase database(settings);
  auto all = db::with_read_transaction(
      database.pool, [](db::Transaction& tx) { return federation::all_instance_keys(tx); });
  if (all.empty()) std::cerr << "no keys yet: the server makes the first one when it starts\n";
  auto now = federation::Clock::now();
  const auto* signing = federation::newest_valid(all, now);
  for (const auto& key : all)
    std::cout << fmt::format("{}  {}  made {}  {}\n", key.key_id,
                             &key == signing     ? "signing"
                             : key.valid_at(now) ? "valid  "
                                                 : "retired",
                             common::format_rfc3339(key.created_at), describe_end(key));
  return 0;
}

}  // namespace hindsight::server
