// The org dictionary for the anonymizer: reviewers read it, admins replace it.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/dictionary/dictionary_service.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

void add_dictionary_routes(Router& router, const DictionaryService& dictionary,
                           common::db::ConnectionPool& pool);

}  // namespace hindsight::server
