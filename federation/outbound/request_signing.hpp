// Signing a request this instance sends to another (FEDERATION.md, "Request signatures"): with
// a body, Content-Type and its Content-Digest; then Signature-Input and Signature over the
// components the protocol asks for, made with the instance's current key.
#pragma once

#include <chrono>

#include "federation/http/https_client.hpp"
#include "federation/signatures/http_message_signature.hpp"

namespace hindsight::federation {

// Adds the fields to `request` (its url is the absolute URL it goes to). A body's Content-Type
// is application/json unless the request names one.
void sign_request(HttpsRequest& request, const RequestSigner& signer,
                  std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace hindsight::federation
