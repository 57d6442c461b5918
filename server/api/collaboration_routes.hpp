// Working on postmortems together: comments, and the action items that come out of them.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/http/router.hpp"
#include "server/postmortems/comment_service.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {

void add_collaboration_routes(Router& router, const PostmortemService& postmortems,
                              const CommentService& comments, common::db::ConnectionPool& pool);

}  // namespace hindsight::server
