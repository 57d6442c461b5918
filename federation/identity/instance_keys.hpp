// The instance's signing keys in the database (docs/federation.md, "Identity and keys"): made
// on first start, rotated with a grace period, revoked at once. Private keys are sealed with
// the key-encryption key and opened only to sign. Every change is audited in the caller's
// transaction.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/audit/audit_writer.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::federation {

using Clock = std::chrono::system_clock;

// A key without its private half.
struct InstanceKey {
  std::string key_id;      // "k" + 16 hex digits; the discovery id adds the instance's URL
  std::string public_key;  // 32 raw bytes
  Clock::time_point created_at;
  std::optional<Clock::time_point> not_after;
  std::optional<Clock::time_point> revoked_at;

  // Published in discovery and accepted for verification at `now`.
  bool valid_at(Clock::time_point now) const;
};

struct SigningKey {
  std::string key_id;
  common::crypto::Ed25519PrivateKey key;  // opened from its sealed form
};

// Rotation keeps the previous keys verifying this long (FEDERATION.md: 7 days).
inline constexpr std::chrono::hours kRotationGrace{7 * 24};

class InstanceKeys {
 public:
  // `key_encryption_key`: 32 bytes.
  explicit InstanceKeys(std::string key_encryption_key);

  // Makes the first key when there is none; servers starting together on one database make
  // one between them. Also checks that the key-encryption key opens the current key, so a
  // wrong one stops the server at start rather than at its first delivery.
  void ensure_key(common::db::Transaction& tx) const;
  // A new key that signs from now on; the keys valid until now verify until `grace` from now.
  InstanceKey rotate(common::db::Transaction& tx, const common::audit::Actor& actor,
                     std::chrono::seconds grace = kRotationGrace) const;
  // The newest valid key, opened. Throws when there is none (ensure_key runs at start).
  SigningKey signing_key(common::db::Transaction& tx) const;

 private:
  InstanceKey insert_new_key(common::db::Transaction& tx) const;

  std::string key_encryption_key_;
};

// Every key, newest first, revoked and expired ones included.
std::vector<InstanceKey> all_instance_keys(common::db::Transaction& tx);

// Drops a key from discovery at once. False when there is no such unrevoked key. Refuses
// (std::invalid_argument) to revoke the only valid key: rotate first.
bool revoke_instance_key(common::db::Transaction& tx, const common::audit::Actor& actor,
                         const std::string& key_id);

// The newest key valid at `now`, if any.
const InstanceKey* newest_valid(const std::vector<InstanceKey>& keys, Clock::time_point now);

}  // namespace hindsight::federation
