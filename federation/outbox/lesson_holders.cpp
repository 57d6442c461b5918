#include "federation/outbox/lesson_holders.hpp"

#include "common/db/statement.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kRecord{"lesson_holder_record", R"(
INSERT INTO federation_lesson_holders (lesson_id, peer_origin, version, retracted, via)
VALUES ($1::uuid, $2, $3, $4, $5)
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

void record_lesson_holder(db::Transaction& tx, const std::string& lesson_id,
                          const std::string& peer, int version, bool retracted,
                          std::string_view via) {
  tx.exec(kRecord, lesson_id, peer, version, retracted, std::string(via));
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
