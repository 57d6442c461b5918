#include "federation/outbox/delivery_status.hpp"

#include "common/db/statement.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kStatus{"delivery_status", R"(
SELECT p.origin, COALESCE(p.name, ''), p.blocked_at IS NOT NULL,
       COUNT(o.id) FILTER (WHERE o.dead_at IS NULL), COUNT(o.id) FILTER (WHERE o.dead_at IS NOT NULL),
       EXTRACT(EPOCH FROM now() - min(o.created_at) FILTER (WHERE o.dead_at IS NULL))::float8,
       rfc3339(min(o.next_attempt_at) FILTER (WHERE o.dead_at IS NULL)),
       COALESCE(d.delivered, 0), COALESCE(d.failures, 0), rfc3339(d.last_success_at),
       d.last_error, rfc3339(d.last_error_at)
FROM federation_peers p
LEFT JOIN federation_outbox o ON o.peer_origin = p.origin
LEFT JOIN federation_delivery_status d ON d.peer_origin = p.origin
GROUP BY p.origin, d.peer_origin
ORDER BY p.origin)"};

constexpr db::Statement kRetry{"delivery_retry", R"(
UPDATE federation_outbox
SET dead_at = NULL, next_attempt_at = now(),
    created_at = CASE WHEN dead_at IS NULL THEN created_at ELSE now() END
WHERE peer_origin = $1)"};

template <typename T>
std::optional<T> optional_of(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

template <typename T>
json json_of(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

json to_json(const PeerDeliveryStatus& s) {
  return {{"peer_url", s.origin},
          {"peer_name", s.name},
          {"blocked", s.blocked},
          {"queued", s.queued},
          {"dead", s.dead},
          {"oldest_queued_seconds", json_of(s.oldest_queued_seconds)},
          {"next_attempt_at", json_of(s.next_attempt_at)},
          {"delivered", s.delivered},
          {"failures", s.failures},
          {"last_success_at", json_of(s.last_success_at)},
          {"last_error", json_of(s.last_error)},
          {"last_error_at", json_of(s.last_error_at)}};
}

std::vector<PeerDeliveryStatus> delivery_status(db::Transaction& tx) {
  std::vector<PeerDeliveryStatus> out;
  for (const auto& r : tx.exec(kStatus)) {
    PeerDeliveryStatus s;
    s.origin = r[0].as<std::string>();
    s.name = r[1].as<std::string>();
    s.blocked = r[2].as<bool>();
    s.queued = r[3].as<long long>();
    s.dead = r[4].as<long long>();
    s.oldest_queued_seconds = optional_of<double>(r[5]);
    s.next_attempt_at = optional_of<std::string>(r[6]);
    s.delivered = r[7].as<long long>();
    s.failures = r[8].as<long long>();
    s.last_success_at = optional_of<std::string>(r[9]);
    s.last_error = optional_of<std::string>(r[10]);
    s.last_error_at = optional_of<std::string>(r[11]);
    out.push_back(std::move(s));
  }
  return out;
}

long long retry_deliveries(db::Transaction& tx, const common::audit::Actor& actor,
                           const std::string& origin) {
  long long rescheduled = tx.exec(kRetry, origin).affected_rows();
  common::audit::record(
      tx, actor, {"delivery.retry", "peer", origin, nullptr, {{"rescheduled", rescheduled}}});
  return rescheduled;
}

}  // namespace hindsight::federation
