#include "server/api/system_routes.hpp"

#include <fmt/format.h>

#include "common/db/transaction.hpp"
#include "server/http/error_response.hpp"

namespace hindsight::server {
namespace db = common::db;

namespace {

// Empty when ready, else why not.
std::string readiness_problem(db::ConnectionPool& pool, const db::MigrationRunner& migrations) {
  try {
    auto lease = pool.acquire();
    try {
      auto status = migrations.status(lease->connection);
      if (!status.pending.empty())
        return fmt::format("{} migration(s) not applied yet", status.pending.size());
      return {};
    } catch (const std::exception& e) {
      db::rethrow_if_connection_lost(e, lease);
      throw;
    }
  } catch (const std::exception& e) {
    return std::string("database unreachable: ") + e.what();
  }
}

}  // namespace

void add_system_routes(Router& router, db::ConnectionPool& pool,
                       const db::MigrationRunner& migrations,
                       const common::MetricsRegistry& metrics) {
  router.add(
      "GET", "/healthz", Access::anyone,
      [](Request&) {
        return Response::json(200, {{"status", "ok"}});
      },
      Runs::on_io_thread);

  router.add("GET", "/readyz", Access::anyone, [&pool, &migrations](Request&) {
    std::string problem = readiness_problem(pool, migrations);
    if (problem.empty()) return Response::json(200, {{"status", "ready"}});
    return error_response(503, "unavailable", problem);
  });

  router.add(
      "GET", "/metrics", Access::anyone,
      [&metrics](Request&) {
        return Response::text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
      },
      Runs::on_io_thread);

  router.add(
      "GET", "/api/v1/openapi.json", Access::anyone,
      [](Request&) {
        return Response::text(200, "application/json", std::string(openapi_document()));
      },
      Runs::on_io_thread);
}

}  // namespace hindsight::server
