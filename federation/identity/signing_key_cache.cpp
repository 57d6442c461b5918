#include "federation/identity/signing_key_cache.hpp"

#include "federation/discovery/discovery_document.hpp"

namespace hindsight::federation {

SigningKey SigningKeyCache::current(common::db::Transaction& tx) {
  auto key = cache_.get_or_load(own_origin_, [&](const std::string& origin) {
    SigningKey opened = keys_.signing_key(tx);
    opened.key_id = full_key_id(origin, opened.key_id);
    return std::optional(std::move(opened));
  });
  return std::move(*key);
}

RequestSigner SigningKeyCache::request_signer(common::db::Transaction& tx) {
  SigningKey key = current(tx);
  return RequestSigner(std::move(key.key_id), std::move(key.key));
}

}  // namespace hindsight::federation
