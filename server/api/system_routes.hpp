// Routes for operators and tooling: /healthz, /readyz, /metrics, the OpenAPI document.
#pragma once

#include <string_view>

#include "common/db/connection_pool.hpp"
#include "common/db/migrations.hpp"
#include "common/metrics/metrics_registry.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

std::string_view openapi_document();  // api/openapi.json, compiled in

void add_system_routes(Router& router, common::db::ConnectionPool& pool,
                       const common::db::MigrationRunner& migrations,
                       const common::MetricsRegistry& metrics);

}  // namespace hindsight::server
