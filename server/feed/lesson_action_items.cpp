#include "server/feed/lesson_action_items.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "common/util/uuid_text.hpp"
#include "server/audit/audit_log.hpp"
#include "server/feed/listed_lesson.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kUserIdByName{"feed_item_user_id",
                                      "SELECT id::text FROM users WHERE username = $1"};
constexpr db::Statement kInsert{"feed_item_insert", R"(
INSERT INTO action_items (received_lesson_id, position, text, owner_id, due, status, external_link,
                          created_by)
SELECT $1::uuid,
       COALESCE((SELECT max(position) + 1 FROM action_items WHERE received_lesson_id = $1::uuid), 0),
       i->>'text', $2::uuid, (i->>'due')::date, COALESCE(i->>'status', 'open')::action_item_status,
       i->>'external_link', $3::uuid
FROM (SELECT $4::jsonb AS i) input
RETURNING id::text)"};
constexpr db::Statement kPatch{"feed_item_patch", R"(
UPDATE action_items SET
  status = COALESCE(($2::jsonb->>'status')::action_item_status, status),
  owner_id = CASE WHEN $2::jsonb ? 'owner' THEN ($2::jsonb->>'owner_id')::uuid ELSE owner_id END,
  due = CASE WHEN $2::jsonb ? 'due' THEN ($2::jsonb->>'due')::date ELSE due END,
  external_link = CASE WHEN $2::jsonb ? 'external_link' THEN $2::jsonb->>'external_link' ELSE external_link END,
  updated_at = now()
WHERE id = $1::uuid AND received_lesson_id IS NOT NULL)"};
constexpr db::Statement kItem{"feed_item_get", R"(
SELECT a.id::text, a.text, o.username, to_char(a.due, 'YYYY-MM-DD'), a.status::text,
       a.external_link, c.username, rfc3339(a.created_at), rfc3339(a.updated_at),
       a.received_lesson_id::text
FROM action_items a LEFT JOIN users o ON o.id = a.owner_id LEFT JOIN users c ON c.id = a.created_by
WHERE a.id = $1::uuid AND a.received_lesson_id IS NOT NULL)"};
// The same, locked: a change reads its "before" and writes without another change between.
constexpr db::Statement kItemForUpdate{"feed_item_get_for_update", R"(
SELECT a.id::text, a.text, o.username, to_char(a.due, 'YYYY-MM-DD'), a.status::text,
       a.external_link, c.username, rfc3339(a.created_at), rfc3339(a.updated_at),
       a.received_lesson_id::text
FROM action_items a LEFT JOIN users o ON o.id = a.owner_id LEFT JOIN users c ON c.id = a.created_by
WHERE a.id = $1::uuid AND a.received_lesson_id IS NOT NULL
FOR UPDATE OF a)"};
constexpr db::Statement kList{"feed_item_list", R"(
SELECT a.id::text, a.text, o.username, to_char(a.due, 'YYYY-MM-DD'), a.status::text,
       a.external_link, c.username, rfc3339(a.created_at), rfc3339(a.updated_at),
       a.received_lesson_id::text
FROM action_items a LEFT JOIN users o ON o.id = a.owner_id LEFT JOIN users c ON c.id = a.created_by
WHERE a.received_lesson_id = $1::uuid
ORDER BY a.position, a.created_at, a.id)"};

json item_of(const pqxx::row& row) {
  auto text_or_null = [&](int column) {
    return row[column].is_null() ? json(nullptr) : json(row[column].as<std::string>());
  };
  return json{{"id", row[0].as<std::string>()},
              {"text", row[1].as<std::string>()},
              {"owner", text_or_null(2)},
              {"due", text_or_null(3)},
              {"status", row[4].as<std::string>()},
              {"external_link", text_or_null(5)},
              {"created_by", text_or_null(6)},
              {"created_at", row[7].as<std::string>()},
              {"updated_at", row[8].as<std::string>()}};
}

// The owner's user id: null for none, 400 naming `owner` for a name no user has.
json owner_id(db::Transaction& tx, const json& owner) {
  if (!owner.is_string()) return nullptr;
  auto user = tx.exec(kUserIdByName, owner.get<std::string>());
  if (user.empty())
    throw ApiError::validation("owner",
                               fmt::format("owner: no user named '{}'", owner.get<std::string>()));
  return user[0][0].as<std::string>();
}

std::optional<std::string> id_or_null(const json& id) {
  return id.is_string() ? std::optional<std::string>(id.get<std::string>()) : std::nullopt;
}

}  // namespace

json LessonActionItems::add(db::Transaction& tx, const Principal& caller,
                            const std::string& lesson_id, const json& item) const {
  ListedLesson lesson = require_listed_lesson(tx, lesson_id, caller);
  json owner = owner_id(tx, item.value("owner", json(nullptr)));
  std::string id = tx.exec(kInsert, lesson.id, id_or_null(owner), caller.user_id, item.dump())[0][0]
                       .as<std::string>();
  json created = item_of(tx.exec(kItem, id)[0]);
  json after = created;
  after["received_lesson_id"] = lesson.id;
  record_audit(tx, &caller, {"action_item.create", "action_item", id, nullptr, after});
  return created;
}

json LessonActionItems::update(db::Transaction& tx, const Principal& caller,
                               const std::string& item_id, const json& patch) const {
  auto not_found = [] { return ApiError::not_found("no such action item"); };
  if (!common::looks_like_uuid(item_id)) throw not_found();
  auto current = tx.exec(kItemForUpdate, item_id);
  if (current.empty()) throw not_found();
  json before = item_of(current[0]);
  std::string lesson_id = current[0][9].as<std::string>();
  json resolved = patch;
  if (patch.contains("owner")) resolved["owner_id"] = owner_id(tx, patch["owner"]);
  tx.exec(kPatch, item_id, resolved.dump());
  json after = item_of(tx.exec(kItem, item_id)[0]);
  record_audit(tx, &caller, {"action_item.update", "action_item", item_id, before, after});
  after["received_lesson_id"] = lesson_id;
  return after;
}

json LessonActionItems::list(db::Transaction& tx, const std::string& lesson_id) {
  json items = json::array();
  for (const auto& row : tx.exec(kList, lesson_id))
    items.push_back(item_of(row));
  return items;
}

}  // namespace hindsight::server
