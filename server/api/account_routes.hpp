// Routes about the caller: who am I, and my API tokens.
#pragma once

#include "http/router.hpp"
#include "users/token_service.hpp"
#include "users/token_usage.hpp"

namespace hindsight::server {

void add_account_routes(Router& router, const TokenService& tokens, TokenUsage& usage);

}  // namespace hindsight::server
