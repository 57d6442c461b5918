#include "tests/support/test_peer_signer.hpp"

#include "common/crypto/encoding.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/identity/instance_keys.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {

federation::SigningKey instance_signing_key(const std::string& conninfo,
                                            const std::string& origin) {
  common::db::ConnectionPool pool(conninfo, 1);
  federation::InstanceKeys keys(*common::crypto::base64_decode(kTestKeyEncryptionKey));
  auto key = common::db::with_transaction(
      pool, [&](common::db::Transaction& tx) { return keys.signing_key(tx); });
  key.key_id = federation::full_key_id(origin, key.key_id);
  return key;
}

}  // namespace hindsight::test
