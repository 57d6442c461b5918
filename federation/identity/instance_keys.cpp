#include "federation/identity/instance_keys.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/openssl_handles.hpp"
#include "common/crypto/random.hpp"
#include "common/crypto/sealed_box.hpp"

namespace hindsight::federation {
namespace db = common::db;
namespace crypto = common::crypto;

namespace {

// Starting servers, rotation and revocation take turns, so two never both make "the" key.
constexpr db::Statement kLock{"instance_keys_lock",
                              "SELECT pg_advisory_xact_lock(hashtext('hindsight.instance_keys'))"};
constexpr db::Statement kAll{"instance_keys_all", R"(
SELECT key_id, public_key, (extract(epoch FROM created_at) * 1000000)::bigint,
       (extract(epoch FROM not_after) * 1000000)::bigint,
       (extract(epoch FROM revoked_at) * 1000000)::bigint
FROM instance_keys ORDER BY created_at DESC, key_id DESC)"};
constexpr db::Statement kInsert{"instance_keys_insert", R"(
INSERT INTO instance_keys (key_id, public_key, sealed_private_key) VALUES ($1, $2, $3)
RETURNING (extract(epoch FROM created_at) * 1000000)::bigint)"};
constexpr db::Statement kSealed{"instance_keys_sealed",
                                "SELECT sealed_private_key FROM instance_keys WHERE key_id = $1"};
constexpr db::Statement kEndValid{"instance_keys_end_valid", R"(
UPDATE instance_keys SET not_after = now() + make_interval(secs => $1)
WHERE revoked_at IS NULL AND (not_after IS NULL OR not_after > now() + make_interval(secs => $1)))"};
constexpr db::Statement kRevoke{"instance_keys_revoke", R"(
UPDATE instance_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL)"};

Clock::time_point from_micros(long long micros) {
  return Clock::time_point(std::chrono::microseconds(micros));
}

std::optional<Clock::time_point> optional_time(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return from_micros(f.as<long long>());
}

std::string bytes_of(const pqxx::field& f) {
  pqxx::binarystring b(f);
  return b.str();
}

// The label a sealed private key is bound to: moving it to another key's row fails to open.
std::string seal_label(const std::string& key_id) {
  return "hindsight instance key " + key_id;
}

}  // namespace

bool InstanceKey::valid_at(Clock::time_point now) const {
  return !revoked_at && (!not_after || *not_after > now);
}

const InstanceKey* newest_valid(const std::vector<InstanceKey>& keys, Clock::time_point now) {
  const InstanceKey* best = nullptr;
  for (const auto& key : keys)
    if (key.valid_at(now) && (!best || key.created_at > best->created_at)) best = &key;
  return best;
}

InstanceKeys::InstanceKeys(std::string key_encryption_key)
    : key_encryption_key_(std::move(key_encryption_key)) {
  if (key_encryption_key_.size() != crypto::kSealKeySize)
    throw std::invalid_argument("the key-encryption key must be 32 bytes");
}

std::vector<InstanceKey> all_instance_keys(db::Transaction& tx) {
  std::vector<InstanceKey> keys;
  for (const auto& row : tx.exec(kAll))
    keys.push_back({row[0].as<std::string>(), bytes_of(row[1]), from_micros(row[2].as<long long>()),
                    optional_time(row[3]), optional_time(row[4])});
  return keys;
}

InstanceKey InstanceKeys::insert_new_key(db::Transaction& tx) const {
  auto key = crypto::Ed25519PrivateKey::generate();
  std::string key_id = "k" + crypto::hex_encode(crypto::random_bytes(8));
  std::string public_key = key.public_key();
  std::string sealed = crypto::seal(key_encryption_key_, key.raw(), seal_label(key_id));
  auto row =
      tx.exec(kInsert, key_id, pqxx::binarystring(public_key), pqxx::binarystring(sealed))[0];
  return {key_id, public_key, from_micros(row[0].as<long long>()), std::nullopt, std::nullopt};
}

void InstanceKeys::ensure_key(db::Transaction& tx) const {
  tx.exec(kLock);
  auto keys = all_instance_keys(tx);
  if (!newest_valid(keys, Clock::now())) insert_new_key(tx);
  try {
    signing_key(tx);
  } catch (const crypto::CryptoError&) {
    throw std::runtime_error(
        "the key-encryption key does not open this instance's signing key: every server on one "
        "database needs the same key_encryption_key");
  }
}

InstanceKey InstanceKeys::rotate(db::Transaction& tx, const common::audit::Actor& actor,
                                 std::chrono::seconds grace) const {
  tx.exec(kLock);
  tx.exec(kEndValid, static_cast<double>(grace.count()));
  InstanceKey key = insert_new_key(tx);
  common::audit::record(tx, actor,
                        {"instance_key.rotate",
                         "instance_key",
                         key.key_id,
                         nullptr,
                         {{"public_key", crypto::base64url_encode(key.public_key)},
                          {"grace_seconds", grace.count()}}});
  return key;
}

bool revoke_instance_key(db::Transaction& tx, const common::audit::Actor& actor,
                         const std::string& key_id) {
  tx.exec(kLock);
  auto keys = all_instance_keys(tx);
  auto now = Clock::now();
  const InstanceKey* target = nullptr;
  int valid = 0;
  for (const auto& key : keys) {
    if (key.key_id == key_id && !key.revoked_at) target = &key;
    valid += key.valid_at(now) ? 1 : 0;
  }
  if (!target) return false;
  if (target->valid_at(now) && valid == 1)
    throw std::invalid_argument(
        fmt::format("{} is the only valid key: rotate first, then revoke it", key_id));
  tx.exec(kRevoke, key_id);
  common::audit::record(tx, actor, {"instance_key.revoke", "instance_key", key_id});
  return true;
}

SigningKey InstanceKeys::signing_key(db::Transaction& tx) const {
  auto keys = all_instance_keys(tx);
  const InstanceKey* newest = newest_valid(keys, Clock::now());
  if (!newest) throw std::runtime_error("this instance has no valid signing key");
  auto sealed = tx.exec(kSealed, newest->key_id);
  std::string seed =
      crypto::open_sealed(key_encryption_key_, bytes_of(sealed[0][0]), seal_label(newest->key_id));
  return {newest->key_id, crypto::Ed25519PrivateKey::from_raw(seed)};
}

}  // namespace hindsight::federation
