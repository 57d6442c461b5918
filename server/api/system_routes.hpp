// Routes for operators and tooling: /healthz, /readyz, /metrics, the OpenAPI document.
#pragma once

#include <string_view>

#include "db/connection_pool.hpp"
#include "db/migrations.hpp"
#include "http/router.hpp"
#include "metrics/metrics_registry.hpp"

namespace hindsight::server {

std::string_view openapi_document();  // api/openapi.json, compiled in

void add_system_routes(Router& router, common::db::ConnectionPool& pool,
                       const common::db::MigrationRunner& migrations,
                       const common::MetricsRegistry& metrics);

}  // namespace hindsight::server
