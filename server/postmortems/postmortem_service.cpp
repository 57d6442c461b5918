#include "server/postmortems/postmortem_service.hpp"

#include <fmt/format.h>

#include <set>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/audit/audit_log.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kInsert{"pm_insert", R"(
INSERT INTO postmortems (title, severity, created_by, updated_by, document)
SELECT f->>'title', (f->>'severity')::severity, $2::uuid, $2::uuid, '{}'::jsonb
FROM (SELECT $1::jsonb AS f) d
RETURNING id::text)"};

// The template's scalar fields, from the normalized input document.
constexpr db::Statement kApplyFields{"pm_apply_fields", R"(
UPDATE postmortems SET
  title = f->>'title', severity = (f->>'severity')::severity,
  started_at = (f->>'started_at')::timestamptz, detected_at = (f->>'detected_at')::timestamptz,
  mitigated_at = (f->>'mitigated_at')::timestamptz, resolved_at = (f->>'resolved_at')::timestamptz,
  services = ARRAY(SELECT jsonb_array_elements_text(f->'services')),
  tags = ARRAY(SELECT jsonb_array_elements_text(f->'tags')),
  summary = f->>'summary', impact = f->>'impact', trigger = f->>'trigger',
  detection = f->>'detection', resolution = f->>'resolution', went_well = f->>'went_well',
  went_poorly = f->>'went_poorly', lucky = f->>'lucky', lessons_learned = f->>'lessons_learned'
FROM (SELECT $2::jsonb AS f) d
WHERE id = $1::uuid)"};

constexpr db::Statement kDeleteTimeline{
    "pm_delete_timeline", "DELETE FROM timeline_entries WHERE postmortem_id = $1::uuid"};
constexpr db::Statement kInsertTimeline{"pm_insert_timeline", R"(
INSERT INTO timeline_entries (postmortem_id, position, at, kind, text)
SELECT $1::uuid, ord - 1, (e->>'at')::timestamptz, e->>'kind', e->>'text'
FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord))"};

constexpr db::Statement kDeleteFactors{
    "pm_delete_factors", "DELETE FROM contributing_factors WHERE postmortem_id = $1::uuid"};
constexpr db::Statement kInsertFactors{"pm_insert_factors", R"(
INSERT INTO contributing_factors (postmortem_id, position, category, text)
SELECT $1::uuid, ord - 1, (e->>'category')::factor_category, e->>'text'
FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord))"};

constexpr db::Statement kActionItemIds{
    "pm_action_item_ids", "SELECT id::text FROM action_items WHERE postmortem_id = $1::uuid"};
constexpr db::Statement kUserIdByName{"pm_user_id_by_name",
                                      "SELECT id::text FROM users WHERE username = $1"};
constexpr db::Statement kDeleteDroppedItems{"pm_delete_dropped_items", R"(
DELETE FROM action_items
WHERE postmortem_id = $1::uuid
  AND id::text NOT IN (SELECT e->>'id' FROM jsonb_array_elements($2::jsonb) e WHERE e->>'id' IS NOT NULL))"};
constexpr db::Statement kUpsertItems{"pm_upsert_items", R"(
INSERT INTO action_items (id, postmortem_id, position, text, owner_id, due, status, external_link)
SELECT COALESCE((e->>'id')::uuid, gen_random_uuid()), $1::uuid, ord - 1, e->>'text',
       (e->>'owner_id')::uuid, (e->>'due')::date, (e->>'status')::action_item_status,
       e->>'external_link'
FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord)
ON CONFLICT (id) DO UPDATE SET
  position = EXCLUDED.position, text = EXCLUDED.text, owner_id = EXCLUDED.owner_id,
  due = EXCLUDED.due, status = EXCLUDED.status, external_link = EXCLUDED.external_link,
  updated_at = now()
WHERE action_items.postmortem_id = EXCLUDED.postmortem_id)"};

constexpr db::Statement kNextVersion{"pm_next_version", R"(
UPDATE postmortems SET version = version + 1, updated_by = $2::uuid, updated_at = now()
WHERE id = $1::uuid)"};

// Recomputes the stored representation and search vector, then keeps the version.
constexpr db::Statement kRefreshDocument{"pm_refresh_document", R"(
UPDATE postmortems SET document = postmortem_document(id), search_vector = postmortem_search_vector(id)
WHERE id = $1::uuid
RETURNING document::text)"};
constexpr db::Statement kKeepVersion{"pm_keep_version", R"(
INSERT INTO postmortem_versions (postmortem_id, version, status, editor_id, document)
SELECT id, version, status, $2::uuid, document FROM postmortems WHERE id = $1::uuid)"};

constexpr db::Statement kGetDocument{
    "pm_get_document", "SELECT document::text, version FROM postmortems WHERE id = $1::uuid"};
constexpr db::Statement kLockCurrent{"pm_lock_current", R"(
SELECT version, status::text, document::text, created_by::text = $2 AS is_creator,
       EXISTS (SELECT 1 FROM postmortem_versions v WHERE v.postmortem_id = p.id AND v.editor_id = $2::uuid) AS is_editor
FROM postmortems p WHERE id = $1::uuid FOR UPDATE)"};
constexpr db::Statement kSetStatus{"pm_set_status", R"(
UPDATE postmortems
SET status = $2::postmortem_status,
    published_at = CASE WHEN $2 = 'published' THEN COALESCE(published_at, now()) ELSE published_at END
WHERE id = $1::uuid)"};

constexpr db::Statement kListVersions{"pm_list_versions", R"(
SELECT v.version, v.status::text, u.username, rfc3339(v.created_at)
FROM postmortem_versions v JOIN users u ON u.id = v.editor_id
WHERE v.postmortem_id = $1::uuid ORDER BY v.version)"};
constexpr db::Statement kGetVersion{"pm_get_version", R"(
SELECT document::text FROM postmortem_versions WHERE postmortem_id = $1::uuid AND version = $2)"};

// A received lesson's items change in place (server/feed/lesson_action_items.hpp), not here.
constexpr db::Statement kItemPostmortem{"pm_item_postmortem", R"(
SELECT postmortem_id::text FROM action_items WHERE id = $1::uuid AND postmortem_id IS NOT NULL)"};
constexpr db::Statement kPatchItem{"pm_patch_item", R"(
UPDATE action_items SET
  status = COALESCE(($2::jsonb->>'status')::action_item_status, status),
  owner_id = CASE WHEN $2::jsonb ? 'owner' THEN ($2::jsonb->>'owner_id')::uuid ELSE owner_id END,
  due = CASE WHEN $2::jsonb ? 'due' THEN ($2::jsonb->>'due')::date ELSE due END,
  external_link = CASE WHEN $2::jsonb ? 'external_link' THEN $2::jsonb->>'external_link' ELSE external_link END,
  updated_at = now()
WHERE id = $1::uuid)"};

struct Current {
  int version;
  std::string status;
  json document;
  bool is_author;
};

Current lock_current(db::Transaction& tx, const std::string& id, const Principal& caller) {
  auto rows = tx.exec(kLockCurrent, id, caller.user_id);
  if (rows.empty()) throw ApiError::not_found("no such postmortem");
  return {rows[0][0].as<int>(), rows[0][1].as<std::string>(),
          json::parse(rows[0][2].as<std::string>()),
          rows[0][3].as<bool>() || rows[0][4].as<bool>()};
}

// An action item owner's user id: null for no owner, 400 naming `field` for an unknown name.
json owner_id(db::Transaction& tx, const json& owner, const std::string& field) {
  if (!owner.is_string()) return nullptr;
  auto user = tx.exec(kUserIdByName, owner.get<std::string>());
  if (user.empty())
    throw ApiError::validation(
        field, fmt::format("{}: no user named '{}'", field, owner.get<std::string>()));
  return user[0][0].as<std::string>();
}

// Resolves owners to user ids and checks that kept action items belong to this postmortem.
json resolve_action_items(db::Transaction& tx, const std::string& id, json items) {
  std::set<std::string> existing;
  if (!id.empty())
    for (const auto& row : tx.exec(kActionItemIds, id))
      existing.insert(row[0].as<std::string>());
  for (std::size_t i = 0; i < items.size(); ++i) {
    json& item = items[i];
    std::string field = fmt::format("action_items[{}]", i);
    if (item["id"].is_string() && !existing.contains(item["id"].get<std::string>()))
      throw ApiError::validation(field + ".id",
                                 field + ".id is not an action item of this postmortem");
    item["owner_id"] = owner_id(tx, item["owner"], field + ".owner");
  }
  return items;
}

void write_fields(db::Transaction& tx, const std::string& id, const json& fields) {
  json items = resolve_action_items(tx, id, fields["action_items"]);
  tx.exec(kApplyFields, id, fields.dump());
  tx.exec(kDeleteTimeline, id);
  tx.exec(kInsertTimeline, id, fields["timeline"].dump());
  tx.exec(kDeleteFactors, id);
  tx.exec(kInsertFactors, id, fields["contributing_factors"].dump());
  tx.exec(kDeleteDroppedItems, id, items.dump());
  tx.exec(kUpsertItems, id, items.dump());
}

json keep_version(db::Transaction& tx, const std::string& id, const Principal& caller) {
  auto rows = tx.exec(kRefreshDocument, id);
  tx.exec(kKeepVersion, id, caller.user_id);
  return json::parse(rows[0][0].as<std::string>());
}

json summary(const json& document) {
  return {{"version", document["version"]}, {"status", document["status"]}};
}

}  // namespace

json PostmortemService::create(db::Transaction& tx, const Principal& caller,
                               const json& fields) const {
  std::string id = tx.exec(kInsert, fields.dump(), caller.user_id)[0][0].as<std::string>();
  write_fields(tx, id, fields);
  json document = keep_version(tx, id, caller);
  record_audit(tx, &caller, {"postmortem.create", "postmortem", id, nullptr, summary(document)});
  return document;
}

json PostmortemService::get(const std::string& id) const {
  return json::parse(get_stored(id).document);
}

StoredDocument PostmortemService::get_stored(const std::string& id) const {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such postmortem");
  auto rows = db::read_one(pool_, kGetDocument, id);
  if (rows.empty()) throw ApiError::not_found("no such postmortem");
  return {rows[0][0].as<std::string>(), rows[0][1].as<int>()};
}

json PostmortemService::update(db::Transaction& tx, const Principal& caller, const std::string& id,
                               int expected_version, const json& fields) const {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such postmortem");
  tx.changes_cached_rows();
  Current current = lock_current(tx, id, caller);
  if (current.version != expected_version)
    throw ApiError::conflict(
        fmt::format("the postmortem is at version {}, not {}: reload and merge", current.version,
                    expected_version))
        .with("current", current.document);
  if (current.status == "published" && !caller.has(Role::reviewer))
    throw ApiError::forbidden("editing a published postmortem needs the reviewer role");
  write_fields(tx, id, fields);
  tx.exec(kNextVersion, id, caller.user_id);
  json document = keep_version(tx, id, caller);
  record_audit(
      tx, &caller,
      {"postmortem.update", "postmortem", id, summary(current.document), summary(document)});
  return document;
}

json PostmortemService::change_status(db::Transaction& tx, const Principal& caller,
                                      const std::string& id, const std::string& status,
                                      const std::string& reason) const {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such postmortem");
  tx.changes_cached_rows();
  Current current = lock_current(tx, id, caller);
  const std::string& from = current.status;
  bool allowed = false;
  if (from == "draft" && status == "in_review") {
    if (!current.is_author && !caller.has(Role::reviewer))
      throw ApiError::forbidden(
          "only an author or a reviewer can submit this postmortem for review");
    allowed = true;
  } else if (from == "in_review" && status == "published") {
    if (!caller.has(Role::reviewer))
      throw ApiError::forbidden("publishing needs the reviewer role");
    allowed = true;
  } else if (from == "in_review" && status == "draft") {
    if (!current.is_author && !caller.has(Role::reviewer))
      throw ApiError::forbidden("only an author or a reviewer can send this postmortem back");
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
      throw ApiError::validation("reason", "reason is required to send a postmortem back to draft");
    allowed = true;
  }
  if (!allowed)
    throw ApiError::conflict(fmt::format("a postmortem cannot go from {} to {}", from, status))
        .with("current", current.document);
  tx.exec(kSetStatus, id, status);
  tx.exec(kNextVersion, id, caller.user_id);
  json document = keep_version(tx, id, caller);
  json after = summary(document);
  if (!reason.empty()) after["reason"] = reason;
  record_audit(tx, &caller,
               {"postmortem.status", "postmortem", id, summary(current.document), after});
  return document;
}

json PostmortemService::update_action_item(db::Transaction& tx, const Principal& caller,
                                           const std::string& item_id, const json& patch) const {
  if (!looks_like_uuid(item_id)) throw ApiError::not_found("no such action item");
  tx.changes_cached_rows();
  auto owner = tx.exec(kItemPostmortem, item_id);
  if (owner.empty()) throw ApiError::not_found("no such action item");
  std::string id = owner[0][0].as<std::string>();
  Current current = lock_current(tx, id, caller);
  json resolved = patch;
  if (patch.contains("owner")) resolved["owner_id"] = owner_id(tx, patch["owner"], "owner");
  tx.exec(kPatchItem, item_id, resolved.dump());
  tx.exec(kNextVersion, id, caller.user_id);
  json document = keep_version(tx, id, caller);
  json before, after;
  for (const auto& item : current.document["action_items"])
    if (item["id"] == item_id) before = item;
  for (const auto& item : document["action_items"])
    if (item["id"] == item_id) after = item;
  record_audit(tx, &caller, {"action_item.update", "action_item", item_id, before, after});
  after["postmortem_id"] = id;
  after["postmortem_version"] = document["version"];
  return after;
}

json PostmortemService::versions(const std::string& id) const {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such postmortem");
  auto rows = db::read_one(pool_, kListVersions, id);
  // Creation keeps version 1, so an empty history means there is no such postmortem.
  if (rows.empty()) throw ApiError::not_found("no such postmortem");
  json items = json::array();
  for (const auto& row : rows)
    items.push_back({{"version", row[0].as<int>()},
                     {"status", row[1].as<std::string>()},
                     {"editor", row[2].as<std::string>()},
                     {"created_at", row[3].as<std::string>()}});
  return {{"items", items}, {"next_cursor", nullptr}};
}

json PostmortemService::version(const std::string& id, int version) const {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such postmortem");
  auto rows = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec(kGetVersion, id, version); });
  if (rows.empty())
    throw ApiError::not_found(fmt::format("no version {} of this postmortem", version));
  return json::parse(rows[0][0].as<std::string>());
}

}  // namespace hindsight::server
