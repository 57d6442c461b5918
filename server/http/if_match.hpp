// Optimistic concurrency: the version a client edited, from `If-Match: "7"` (W/"7" accepted).
// Missing is 428 precondition_required; malformed is 400.
#pragma once

#include "server/http/request.hpp"

namespace hindsight::server {

int if_match_version(const Request& request);
// The ETag for a version: "7".
std::string version_etag(int version);

}  // namespace hindsight::server
