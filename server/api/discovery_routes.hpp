// `GET /.well-known/hindsight`: the instance's federation identity and valid public keys
// (docs/federation.md, "Identity and discovery"), open to anyone.
#pragma once

#include <vector>

#include "common/db/coherent_cache.hpp"
#include "common/db/connection_pool.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

// Every key, kept until the instance_keys table changes; validity is judged at each answer.
using InstanceKeyCache = common::db::CoherentCache<std::vector<federation::InstanceKey>>;

void add_discovery_routes(Router& router, const federation::InstanceIdentity& identity,
                          InstanceKeyCache& keys, common::db::ConnectionPool& pool);

}  // namespace hindsight::server
