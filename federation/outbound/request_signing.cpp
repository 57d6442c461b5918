#include "federation/outbound/request_signing.hpp"

#include <strings.h>
#include <algorithm>

#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/signature_policy.hpp"

namespace hindsight::federation {

void sign_request(HttpsRequest& request, const RequestSigner& signer,
                  std::chrono::system_clock::time_point now) {
  bool has_body = signature_policy::request_has_body(request.method, request.body.size());
  if (has_body) {
    bool typed = std::any_of(request.headers.begin(), request.headers.end(), [](const auto& h) {
      return strcasecmp(h.first.c_str(), "content-type") == 0;
    });
    if (!typed) request.headers.emplace_back("Content-Type", "application/json");
    request.headers.emplace_back("Content-Digest", content_digest_field(request.body));
  }
  auto [origin, target] = split_url(request.url);
  RequestParts parts{request.method, target, origin, field_lookup(request.headers)};
  SignatureFields fields = signer.sign(parts, has_body, now);
  request.headers.emplace_back("Signature-Input", std::move(fields.signature_input));
  request.headers.emplace_back("Signature", std::move(fields.signature));
}

}  // namespace hindsight::federation
