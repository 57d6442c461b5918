// The postmortem routes of the contract: create, read, replace with If-Match, the review
// workflow, and the version history.
#pragma once

#include "common/runtime/blocking_pool.hpp"
#include "server/http/router.hpp"
#include "server/postmortems/document_cache.hpp"
#include "server/postmortems/postmortem_search.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {

void add_postmortem_routes(Router& router, const PostmortemService& postmortems,
                           const DocumentCache& documents, const PostmortemSearch& search,
                           common::db::ConnectionPool& pool,
                           common::runtime::BlockingPool& blocking);

}  // namespace hindsight::server
