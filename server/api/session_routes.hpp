// Browser sign-in and sign-out, and a user's own password.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/auth/session_service.hpp"
#include "server/http/router.hpp"
#include "server/users/user_service.hpp"

namespace hindsight::server {

void add_session_routes(Router& router, const SessionService& sessions, const UserService& users,
                        common::db::ConnectionPool& pool);

}  // namespace hindsight::server
