// Routes about the caller: who am I, and my API tokens.
#pragma once

#include "http/router.hpp"
#include "users/token_service.hpp"

namespace hindsight::server {

void add_account_routes(Router& router, const TokenService& tokens);

}  // namespace hindsight::server
