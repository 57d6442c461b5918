#include "federation/inbound/admission.hpp"

#include "common/db/statement.hpp"
#include "federation/inbound/refusals.hpp"

namespace hindsight::federation {
namespace db = common::db;

namespace {

constexpr db::Statement kAdmit{"federation_admit_request", R"(
WITH remembered AS (
  INSERT INTO federation_nonces (key_id, nonce, expires_at)
  VALUES ($2, $3, to_timestamp($4::double precision / 1000000))
  ON CONFLICT (key_id, nonce) DO NOTHING
  RETURNING 1)
SELECT EXISTS (SELECT 1 FROM federation_peers WHERE origin = $1 AND blocked_at IS NOT NULL),
       EXISTS (SELECT 1 FROM federation_subscriptions WHERE peer_origin = $1),
       EXISTS (SELECT 1 FROM federation_subscriptions
               WHERE peer_origin = $1 AND direction = 'outgoing' AND state = 'accepted'),
       EXISTS (SELECT 1 FROM remembered))"};

}  // namespace

void admit_request(db::Transaction& tx, VerifiedPeer& peer) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    peer.nonce_keep_until.time_since_epoch())
                    .count();
  auto row = tx.exec(kAdmit, peer.origin, peer.key_id, peer.nonce, micros)[0];
  if (row[0].as<bool>()) throw blocked(peer.origin);
  if (!row[1].as<bool>() && !peer.subscription_request) throw not_subscribed(peer.origin);
  if (!row[3].as<bool>())
    throw refused("this request was already received: its nonce is a replay", "signature-input");
  peer.publishes_to_us = row[2].as<bool>();
}

}  // namespace hindsight::federation
