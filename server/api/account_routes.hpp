// Routes about the caller: who am I, and my API tokens.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/http/router.hpp"
#include "server/users/token_service.hpp"
#include "server/users/token_usage.hpp"

namespace hindsight::server {

void add_account_routes(Router& router, const TokenService& tokens, TokenUsage& usage,
                        common::db::ConnectionPool& pool);

}  // namespace hindsight::server
