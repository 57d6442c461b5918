// Admin moderation of this instance: users and roles, and the audit log.
#pragma once

#include "db/connection_pool.hpp"
#include "http/router.hpp"
#include "users/user_service.hpp"

namespace hindsight::server {

void add_admin_routes(Router& router, const UserService& users, common::db::ConnectionPool& pool);

}  // namespace hindsight::server
