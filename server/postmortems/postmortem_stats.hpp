// The figures an SRE lead asks for: postmortems by severity, contributing-factor category and
// month, median time to detect and to resolve, open and overdue action items.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/connection_pool.hpp"

namespace hindsight::server {

// Incidents counted by started_at (created_at when unknown), within [from, to) when given.
nlohmann::json postmortem_stats(common::db::ConnectionPool& pool,
                                const std::optional<std::string>& from,
                                const std::optional<std::string>& to);

}  // namespace hindsight::server
