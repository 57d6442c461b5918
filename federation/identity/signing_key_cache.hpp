// The instance's current signing key, opened once and kept until the keys change (a rotation or
// a revocation in any server process clears it through the change feed), so signing a request
// or a document costs no database read and no decryption.
#pragma once

#include <string>

#include "common/db/change_feed.hpp"
#include "common/db/coherent_cache.hpp"
#include "common/db/transaction.hpp"
#include "federation/identity/instance_keys.hpp"
#include "federation/signatures/http_message_signature.hpp"

namespace hindsight::federation {

class SigningKeyCache {
 public:
  // `own_origin` is read at each use: it is final only once the listener knows its port.
  SigningKeyCache(const InstanceKeys& keys, common::db::ChangeFeed& changes,
                  const std::string& own_origin)
      : keys_(keys),
        own_origin_(own_origin),
        cache_(changes, {.clearing_topics = {"instance_keys"}}) {}

  // The current key under its full key id ("<origin>/.well-known/hindsight#k..."); `tx` is read
  // only when the key is not cached.
  SigningKey current(common::db::Transaction& tx);
  RequestSigner request_signer(common::db::Transaction& tx);

 private:
  const InstanceKeys& keys_;
  const std::string& own_origin_;
  common::db::CoherentCache<SigningKey> cache_;
};

}  // namespace hindsight::federation
