#include "federation/inbound/admission.hpp"

#include <nlohmann/json.hpp>

#include "common/db/statement.hpp"
#include "federation/inbound/refusals.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// Of several requests with one nonce in a statement, only the first may remember it; the last
// column says whether the nonce was known before the statement.
constexpr db::Statement kAdmit{"federation_admit_requests", R"(
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    i integer, origin text, key_id text, nonce text, keep_until double precision,
    subscription_request boolean, lesson boolean)
), standing AS (
  SELECT o.origin,
         EXISTS (SELECT 1 FROM federation_peers p
                 WHERE p.origin = o.origin AND p.blocked_at IS NOT NULL) AS blocked,
         EXISTS (SELECT 1 FROM federation_subscriptions s
                 WHERE s.peer_origin = o.origin) AS subscribed,
         EXISTS (SELECT 1 FROM federation_subscriptions s
                 WHERE s.peer_origin = o.origin AND s.direction = 'outgoing'
                   AND s.state = 'accepted') AS publishes
  FROM (SELECT DISTINCT origin FROM input) o
), admissible AS (
  SELECT DISTINCT ON (i.key_id, i.nonce) i.i, i.key_id, i.nonce, i.keep_until
  FROM input i JOIN standing s USING (origin)
  WHERE NOT s.blocked AND (s.subscribed OR i.subscription_request) AND (s.publishes OR NOT i.lesson)
  ORDER BY i.key_id, i.nonce, i.i
), remembered AS (
  INSERT INTO federation_nonces (key_id, nonce, expires_at)
  SELECT key_id, nonce, to_timestamp(keep_until / 1000000) FROM admissible
  ORDER BY key_id, nonce
  ON CONFLICT (key_id, nonce) DO NOTHING
  RETURNING key_id, nonce
)
SELECT s.blocked, s.subscribed, s.publishes,
       EXISTS (SELECT 1 FROM admissible a JOIN remembered r USING (key_id, nonce) WHERE a.i = i.i),
       EXISTS (SELECT 1 FROM federation_nonces n WHERE n.key_id = i.key_id AND n.nonce = i.nonce)
FROM input i JOIN standing s USING (origin) ORDER BY i.i)"};

struct Standing {
  bool blocked = false;
  bool subscribed = false;
  bool publishes_to_us = false;
  bool remembered = false;  // this request's nonce is now remembered
  bool seen_before = false;
};

std::vector<Standing> read_standings(db::Transaction& tx,
                                     const std::vector<const VerifiedPeer*>& peers, bool lessons) {
  json rows = json::array();
  for (std::size_t i = 0; i < peers.size(); ++i) {
    const VerifiedPeer& peer = *peers[i];
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      peer.nonce_keep_until.time_since_epoch())
                      .count();
    rows.push_back({{"i", i},
                    {"origin", peer.origin},
                    {"key_id", peer.key_id},
                    {"nonce", peer.nonce},
                    {"keep_until", static_cast<double>(micros)},
                    {"subscription_request", peer.subscription_request},
                    {"lesson", lessons}});
  }
  std::vector<Standing> out;
  for (const auto& row : tx.exec(kAdmit, rows.dump()))
    out.push_back({row[0].as<bool>(), row[1].as<bool>(), row[2].as<bool>(), row[3].as<bool>(),
                   row[4].as<bool>()});
  return out;
}

ApiError replay() {
  return refused("this request was already received: its nonce is a replay", "signature-input");
}

// What every request is refused for, in FEDERATION.md's order.
std::optional<ApiError> standing_refusal(const VerifiedPeer& peer, const Standing& s) {
  if (s.blocked) return blocked(peer.origin);
  if (!s.subscribed && !peer.subscription_request) return not_subscribed(peer.origin);
  return std::nullopt;
}

}  // namespace

void admit_request(db::Transaction& tx, VerifiedPeer& peer) {
  Standing s = read_standings(tx, {&peer}, false).at(0);
  if (auto refusal = standing_refusal(peer, s)) throw *refusal;
  if (!s.remembered) throw replay();
  peer.publishes_to_us = s.publishes_to_us;
}

std::vector<std::optional<ApiError>> admit_lesson_requests(
    db::Transaction& tx, const std::vector<const VerifiedPeer*>& peers) {
  std::vector<Standing> standings = read_standings(tx, peers, true);
  std::vector<std::optional<ApiError>> out;
  for (std::size_t i = 0; i < peers.size(); ++i) {
    const Standing& s = standings.at(i);
    if (auto refusal = standing_refusal(*peers[i], s))
      out.push_back(std::move(refusal));
    else if (s.publishes_to_us ? !s.remembered : s.seen_before)
      out.push_back(replay());
    else if (!s.publishes_to_us)
      out.push_back(lesson_refused_from(peers[i]->origin));
    else
      out.push_back(std::nullopt);
  }
  return out;
}

}  // namespace hindsight::federation
