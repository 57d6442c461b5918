// The signed routes other instances call (docs/federation.md): every one is Access::peer, so
// the request checks run before these handlers, which get the verified sender in
// request.peer and the transaction that also records the request's nonce; well-formed lesson
// events go to the inbox's groups instead, which admit them themselves.
#pragma once

#include "federation/identity/signing_key_cache.hpp"
#include "federation/inbox/inbox_groups.hpp"
#include "federation/pull/puller.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

// `keys` signs the documents of a pull answer; `puller` is asked to pull from a publisher whose
// event announced an accepted subscription or skipped a version.
void add_federation_routes(Router& router, federation::SigningKeyCache& keys,
                           federation::InboxGroups& inbox_groups, federation::Puller& puller);

}  // namespace hindsight::server
