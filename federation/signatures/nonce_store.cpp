#include "federation/signatures/nonce_store.hpp"

namespace hindsight::federation {
namespace db = common::db;

namespace {

constexpr db::Statement kRemember{"federation_nonce_remember", R"(
INSERT INTO federation_nonces (key_id, nonce, expires_at)
VALUES ($1, $2, to_timestamp($3::double precision / 1000000))
ON CONFLICT (key_id, nonce) DO NOTHING)"};
constexpr db::Statement kPurge{"federation_nonce_purge",
                               "DELETE FROM federation_nonces WHERE expires_at < now()"};

}  // namespace

bool remember_nonce(db::Transaction& tx, const std::string& key_id, const std::string& nonce,
                    std::chrono::system_clock::time_point keep_until) {
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(keep_until.time_since_epoch()).count();
  return tx.exec(kRemember, key_id, nonce, micros).affected_rows() == 1;
}

long long purge_expired_nonces(db::Transaction& tx) {
  return static_cast<long long>(tx.exec(kPurge).affected_rows());
}

}  // namespace hindsight::federation
