#include "server/feed/feed_peers.hpp"

#include "common/db/statement.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

// One index probe per peer (received_lessons_peer leads with the origin); peers are few.
constexpr db::Statement kPeers{"feed_peers", R"(
SELECT p.origin, p.name FROM federation_peers p
WHERE p.blocked_at IS NULL AND EXISTS (
  SELECT 1 FROM received_lessons r
  WHERE r.origin = p.origin AND r.fields IS NOT NULL AND NOT r.retracted
    AND r.withdrawn_at IS NULL AND r.hidden_at IS NULL)
ORDER BY p.name IS NULL, lower(p.name), p.origin)"};

}  // namespace

json feed_peers(db::Transaction& tx) {
  json items = json::array();
  for (const auto& row : tx.exec(kPeers))
    items.push_back({{"origin", row[0].as<std::string>()},
                     {"name", row[1].is_null() ? json(nullptr) : json(row[1].as<std::string>())}});
  return json{{"items", std::move(items)}, {"next_cursor", nullptr}};
}

}  // namespace hindsight::server
