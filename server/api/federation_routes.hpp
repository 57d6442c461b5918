// The signed routes other instances call (docs/federation.md): every one is Access::peer, so
// the request checks run before these handlers, which get the verified sender in
// request.peer and the transaction that also records the request's nonce.
#pragma once

#include "server/http/router.hpp"

namespace hindsight::server {

void add_federation_routes(Router& router);

}  // namespace hindsight::server
