// The postmortem routes of the contract: create, read, replace with If-Match, the review
// workflow, and the version history.
#pragma once

#include "http/router.hpp"
#include "postmortems/document_cache.hpp"
#include "postmortems/postmortem_search.hpp"
#include "postmortems/postmortem_service.hpp"
#include "runtime/blocking_pool.hpp"

namespace hindsight::server {

void add_postmortem_routes(Router& router, const PostmortemService& postmortems,
                           const DocumentCache& documents, const PostmortemSearch& search,
                           common::db::ConnectionPool& pool,
                           common::runtime::BlockingPool& blocking);

}  // namespace hindsight::server
