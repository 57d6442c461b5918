// Working together: comments on postmortems, and the action items that come out of postmortems
// and received lessons.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/action_items/action_item_updates.hpp"
#include "server/action_items/open_action_items.hpp"
#include "server/http/router.hpp"
#include "server/postmortems/comment_service.hpp"

namespace hindsight::server {

void add_collaboration_routes(Router& router, const CommentService& comments,
                              const OpenActionItems& open_items,
                              const ActionItemUpdates& item_updates,
                              common::db::ConnectionPool& pool);

}  // namespace hindsight::server
