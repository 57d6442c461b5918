#include "federation/outbox/lesson_holders.hpp"

#include "common/db/statement.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

// ON CONFLICT may touch a row once per statement: one version per lesson and peer, the newest.
constexpr db::Statement kRecord{"lesson_holders_record", R"(
INSERT INTO federation_lesson_holders (lesson_id, peer_origin, version, retracted, via)
SELECT DISTINCT ON (g.lesson_id, g.peer) g.lesson_id, g.peer, g.version, g.retracted, $2
FROM jsonb_to_recordset($1::jsonb) AS g(lesson_id uuid, peer text, version integer,
                                         retracted boolean)
ORDER BY g.lesson_id, g.peer, g.version DESC
ON CONFLICT (lesson_id, peer_origin) DO UPDATE SET
  version = EXCLUDED.version, retracted = EXCLUDED.retracted, via = EXCLUDED.via, at = now()
WHERE federation_lesson_holders.version <= EXCLUDED.version)"};

constexpr db::Statement kList{"lesson_holders_list", R"(
SELECT h.peer_origin, COALESCE(p.name, ''), h.version, h.retracted, h.via, rfc3339(h.at)
FROM federation_lesson_holders h JOIN federation_peers p ON p.origin = h.peer_origin
WHERE h.lesson_id = $1::uuid ORDER BY h.peer_origin)"};

constexpr db::Statement kLessonExists{"lesson_holders_lesson", R"(
SELECT 1 FROM lessons WHERE id = $1::uuid)"};

}  // namespace

void record_lesson_holders(db::Transaction& tx, const std::vector<LessonHolding>& given,
                           std::string_view via) {
  if (given.empty()) return;
  json rows = json::array();
  for (const auto& g : given)
    rows.push_back({{"lesson_id", g.lesson_id},
                    {"peer", g.peer},
                    {"version", g.version},
                    {"retracted", g.retracted}});
  tx.exec(kRecord, rows.dump(), std::string(via));
}

std::optional<json> lesson_holders(db::Transaction& tx, const std::string& lesson_id) {
  if (!common::looks_like_uuid(lesson_id) || tx.exec(kLessonExists, lesson_id).empty())
    return std::nullopt;
  json items = json::array();
  for (const auto& r : tx.exec(kList, lesson_id))
    items.push_back({{"peer_url", r[0].as<std::string>()},
                     {"peer_name", r[1].as<std::string>()},
                     {"version", r[2].as<int>()},
                     {"retracted", r[3].as<bool>()},
                     {"via", r[4].as<std::string>()},
                     {"at", r[5].as<std::string>()}});
  return items;
}

}  // namespace hindsight::federation
