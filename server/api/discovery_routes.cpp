#include "server/api/discovery_routes.hpp"

#include "common/db/transaction.hpp"

namespace hindsight::server {
namespace db = common::db;

void add_discovery_routes(Router& router, const federation::InstanceIdentity& identity,
                          InstanceKeyCache& keys, db::ConnectionPool& pool) {
  router.add(
      "GET", federation::kDiscoveryPath, Access::anyone, [&identity, &keys, &pool](Request&) {
        auto all = keys.get_or_load("all", [&pool](const std::string&) {
          return std::optional(db::with_read_transaction(
              pool, [](db::Transaction& tx) { return federation::all_instance_keys(tx); }));
        });
        auto document = federation::discovery_document(identity, *all, federation::Clock::now());
        // Short: a receiver that meets an unknown key id refetches anyway.
        return Response::json(200, document).with_header("Cache-Control", "public, max-age=60");
      });
}

}  // namespace hindsight::server
