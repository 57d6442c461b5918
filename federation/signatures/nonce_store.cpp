#include "federation/signatures/nonce_store.hpp"

#include "common/db/statement.hpp"

namespace hindsight::federation {
namespace db = common::db;

namespace {

constexpr db::Statement kPurge{"federation_nonce_purge",
                               "DELETE FROM federation_nonces WHERE expires_at < now()"};

}  // namespace

long long purge_expired_nonces(db::Transaction& tx) {
  return static_cast<long long>(tx.exec(kPurge).affected_rows());
}

}  // namespace hindsight::federation
