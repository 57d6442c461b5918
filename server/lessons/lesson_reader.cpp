#include "server/lessons/lesson_reader.hpp"

#include "common/crypto/encoding.hpp"
#include "common/db/keyset_page.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "server/postmortems/postmortem_input.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kView{"lesson_view", R"(
SELECT jsonb_build_object(
  'id', l.id, 'postmortem_id', l.postmortem_id, 'status', l.status, 'revision', l.revision,
  'source_version', l.source_version, 'published_version', l.published_version,
  'severity', l.severity, 'tags', to_jsonb(l.tags), 'fields', l.fields, 'findings', l.findings,
  'coarsened', l.coarsened, 'created_by', cu.username, 'created_at', rfc3339(l.created_at),
  'updated_by', uu.username, 'updated_at', rfc3339(l.updated_at), 'approved_by', au.username,
  'approved_at', rfc3339(l.approved_at), 'public', coalesce(pl.public, false),
  'public_since', CASE WHEN pl.public THEN rfc3339(pl.changed_at) END)::text,
  v.document::text
FROM lessons l
JOIN users cu ON cu.id = l.created_by
JOIN users uu ON uu.id = l.updated_by
LEFT JOIN users au ON au.id = l.approved_by
LEFT JOIN public_lessons pl ON pl.lesson_id = l.id
JOIN postmortem_versions v ON v.postmortem_id = l.postmortem_id AND v.version = l.source_version
WHERE l.id = $1::uuid)"};

constexpr db::Statement kRules{"lesson_rules_view", R"(
SELECT jsonb_strip_nulls(jsonb_build_object(
  'id', r.id, 'kind', r.kind, 'term', r.term, 'field', r.field, 'start', r.start_offset,
  'end', r.end_offset, 'type', r.entity_type, 'source_version', r.source_version,
  'created_by', u.username, 'created_at', rfc3339(r.created_at)))::text
FROM lesson_rules r JOIN users u ON u.id = r.created_by
WHERE r.lesson_id = $1::uuid ORDER BY r.created_at, r.id)"};

constexpr db::Statement kList{"lesson_list", R"(
SELECT l.id::text, l.postmortem_id::text, l.status::text, l.fields->>'title', l.severity::text,
       to_jsonb(l.tags)::text, l.revision, l.published_version, rfc3339(l.updated_at)
FROM lessons l
WHERE ($1::lesson_status IS NULL OR l.status = $1::lesson_status)
  AND ($2::timestamptz IS NULL OR (l.updated_at, l.id) < ($2::timestamptz, $3::uuid))
ORDER BY l.updated_at DESC, l.id DESC
LIMIT $4)"};

// What the reviewer compares against: the source version's text and times, not its metadata.
json original_of(const json& version) {
  json original = json::object();
  for (const char* key : kTemplateFields)
    if (version.contains(key)) original[key] = version[key];
  return original;
}

}  // namespace

std::optional<json> read_lesson_view(db::Transaction& tx, const std::string& id) {
  auto rows = tx.exec(kView, id);
  if (rows.empty()) return std::nullopt;
  json view = json::parse(rows[0][0].as<std::string>());
  view["original"] = original_of(json::parse(rows[0][1].as<std::string>()));
  json rules = json::array();
  for (const auto& row : tx.exec(kRules, id))
    rules.push_back(json::parse(row[0].as<std::string>()));
  view["rules"] = std::move(rules);
  return view;
}

json LessonReader::get(const std::string& id) const {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such lesson");
  auto view = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return read_lesson_view(tx, id); });
  if (!view) throw ApiError::not_found("no such lesson");
  return *view;
}

json LessonReader::list(const LessonListQuery& query) const {
  std::optional<std::string> after_time, after_id;
  if (query.cursor) {
    auto bad = [] {
      return ApiError::validation("cursor", "cursor is not one this server gave out");
    };
    auto raw = common::crypto::base64url_decode(*query.cursor);
    json c = raw ? json::parse(*raw, nullptr, false) : json();
    if (!c.is_object() || !c["u"].is_string() || !c["i"].is_string() ||
        !looks_like_uuid(c["i"].get<std::string>()))
      throw bad();
    after_time = common::canonical_instant(c["u"].get<std::string>());
    if (!after_time) throw bad();
    after_id = c["i"].get<std::string>();
  }
  auto rows = db::with_read_transaction(pool_, [&](db::Transaction& tx) {
    return tx.exec(kList, query.status, after_time, after_id, query.limit + 1);
  });
  auto item_of = [](const pqxx::row& row) {
    return json{{"id", row[0].as<std::string>()},
                {"postmortem_id", row[1].as<std::string>()},
                {"status", row[2].as<std::string>()},
                {"title", row[3].is_null() ? "" : row[3].as<std::string>()},
                {"severity", row[4].as<std::string>()},
                {"tags", json::parse(row[5].as<std::string>())},
                {"revision", row[6].as<int>()},
                {"published_version", row[7].as<int>()},
                {"updated_at", row[8].as<std::string>()}};
  };
  auto cursor_of = [](const pqxx::row& row) {
    return common::crypto::base64url_encode(
        json{{"u", row[8].as<std::string>()}, {"i", row[0].as<std::string>()}}.dump());
  };
  return db::keyset_page(rows, query.limit, item_of, cursor_of);
}

}  // namespace hindsight::server
