// What a peer said when it refused a request: the `error.message` of its JSON error answer
// (FEDERATION.md's error shape), quoted to admins in delivery status and subscription errors.
#pragma once

#include <cstddef>
#include <string>

#include "federation/http/https_client.hpp"

namespace hindsight::federation {

// The message, at most `max_bytes` and cut between UTF-8 sequences; "" when the body has none.
std::string peer_error_message(const HttpsResponse& response, std::size_t max_bytes);

}  // namespace hindsight::federation
