#include "federation/subscriptions/subscription_view.hpp"

#include "common/db/statement.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

// $2 NULL: every subscription of that direction.
constexpr db::Statement kSelect{"subscriptions_select", R"(
SELECT s.id, s.direction, s.peer_origin, COALESCE(p.name, ''), p.blocked_at IS NOT NULL,
       s.state, to_json(s.topics)::text, s.message, s.remote_id, rfc3339(s.created_at),
       rfc3339(s.updated_at), rfc3339(s.accepted_at), rfc3339(s.last_pull_at), s.last_pull_error
FROM federation_subscriptions s JOIN federation_peers p ON p.origin = s.peer_origin
WHERE s.direction = $1 AND ($2::uuid IS NULL OR s.id = $2::uuid)
ORDER BY s.created_at DESC, s.id)"};

std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

SubscriptionView read_row(const pqxx::row& r) {
  SubscriptionView s;
  s.id = r[0].as<std::string>();
  s.direction = r[1].as<std::string>();
  s.peer_origin = r[2].as<std::string>();
  s.peer_name = r[3].as<std::string>();
  s.peer_blocked = r[4].as<bool>();
  s.state = r[5].as<std::string>();
  s.topics = json::parse(r[6].as<std::string>()).get<std::vector<std::string>>();
  s.message = r[7].as<std::string>();
  s.remote_id = optional_text(r[8]);
  s.created_at = r[9].as<std::string>();
  s.updated_at = r[10].as<std::string>();
  s.accepted_at = optional_text(r[11]);
  s.last_pull_at = optional_text(r[12]);
  s.last_pull_error = optional_text(r[13]);
  return s;
}

json optional_json(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

json to_json(const SubscriptionView& s) {
  json out{{"id", s.id},
           {"peer_url", s.peer_origin},
           {"peer_name", s.peer_name},
           {"peer_blocked", s.peer_blocked},
           {"state", s.state},
           {"topics", s.topics},
           {"message", s.message},
           {"created_at", s.created_at},
           {"updated_at", s.updated_at},
           {"accepted_at", optional_json(s.accepted_at)}};
  if (s.direction == "outgoing") {
    out["last_pull_at"] = optional_json(s.last_pull_at);
    out["last_pull_error"] = optional_json(s.last_pull_error);
  }
  return out;
}

std::vector<SubscriptionView> list_subscriptions(db::Transaction& tx,
                                                 const std::string& direction) {
  std::vector<SubscriptionView> out;
  for (const auto& row : tx.exec(kSelect, direction, std::optional<std::string>()))
    out.push_back(read_row(row));
  return out;
}

std::optional<SubscriptionView> find_subscription(db::Transaction& tx, const std::string& direction,
                                                  const std::string& id) {
  if (!common::looks_like_uuid(id)) return std::nullopt;
  auto rows = tx.exec(kSelect, direction, id);
  if (rows.empty()) return std::nullopt;
  return read_row(rows[0]);
}

}  // namespace hindsight::federation
