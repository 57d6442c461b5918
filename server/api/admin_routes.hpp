// Admin moderation of this instance: users and roles, and the audit log.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/http/router.hpp"
#include "server/users/user_service.hpp"

namespace hindsight::server {

void add_admin_routes(Router& router, const UserService& users, common::db::ConnectionPool& pool);

}  // namespace hindsight::server
