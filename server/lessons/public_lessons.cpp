#include "server/lessons/public_lessons.hpp"

#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "server/audit/audit_log.hpp"
#include "server/lessons/lesson_reader.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// The lesson row is locked as LessonService locks it, so an approval or retraction and a change
// of the public state never interleave.
constexpr db::Statement kLock{"public_lesson_lock", R"(
SELECT l.published_version, v.retracted, p.public
FROM lessons l
LEFT JOIN lesson_versions v ON v.lesson_id = l.id AND v.version = l.published_version
LEFT JOIN public_lessons p ON p.lesson_id = l.id
WHERE l.id = $1::uuid
FOR UPDATE OF l)"};
constexpr db::Statement kSet{"public_lesson_set", R"(
INSERT INTO public_lessons (lesson_id, public, changed_by) VALUES ($1::uuid, $2, $3::uuid)
ON CONFLICT (lesson_id) DO UPDATE
  SET public = excluded.public, changed_by = excluded.changed_by, changed_at = now())"};

// A public lesson's latest version, and when its first was approved. Nothing but lesson_versions
// documents: the page and the feed never see a postmortem.
constexpr db::Statement kOne{"public_lesson_one", R"(
SELECT l.id::text, v.document::text, first.document->>'published_at'
FROM public_lessons p
JOIN lessons l ON l.id = p.lesson_id
JOIN lesson_versions v ON v.lesson_id = l.id AND v.version = l.published_version
JOIN lesson_versions first ON first.lesson_id = l.id AND first.version = 1
WHERE p.lesson_id = $1::uuid AND p.public)"};
constexpr db::Statement kAll{"public_lesson_all", R"(
SELECT l.id::text, v.document::text, first.document->>'published_at'
FROM public_lessons p
JOIN lessons l ON l.id = p.lesson_id
JOIN lesson_versions v ON v.lesson_id = l.id AND v.version = l.published_version
JOIN lesson_versions first ON first.lesson_id = l.id AND first.version = 1
WHERE p.public
ORDER BY v.created_at DESC, l.id DESC)"};
// Making a lesson public or private changes the feed too, even when no entry remains.
constexpr db::Statement kLastChange{"public_lesson_last_change",
                                    "SELECT rfc3339(max(changed_at)) FROM public_lessons"};

PublicLesson public_lesson_of(const pqxx::row& row) {
  return {row[0].as<std::string>(),
          federation::parse_lesson_document(json::parse(row[1].as<std::string>())),
          row[2].as<std::string>(), std::nullopt};
}

}  // namespace

json PublicLessonService::set_public(db::Transaction& tx, const Principal& caller,
                                     const std::string& lesson_id, bool make_public) const {
  if (!looks_like_uuid(lesson_id)) throw ApiError::not_found("no such lesson");
  auto rows = tx.exec(kLock, lesson_id);
  if (rows.empty()) throw ApiError::not_found("no such lesson");
  const auto& row = rows[0];
  bool was_public = !row[2].is_null() && row[2].as<bool>();
  if (make_public && !was_public) {
    if (row[0].as<int>() == 0)
      throw ApiError::conflict("this lesson was never approved: only an approved lesson is public");
    if (row[1].as<bool>())
      throw ApiError::conflict(
          "this lesson is retracted: approve a new version before making it public");
  }
  if (make_public != was_public) {
    tx.exec(kSet, lesson_id, make_public, caller.user_id);
    record_audit(tx, &caller,
                 {make_public ? "lesson.public" : "lesson.private", "lesson", lesson_id,
                  json{{"public", was_public}}, json{{"public", make_public}}});
  }
  return *read_lesson_view(tx, lesson_id);
}

std::optional<PublicLesson> PublicLessonService::find(const std::string& lesson_id) const {
  return read(lesson_id, false);
}

std::optional<PublicLesson> PublicLessonService::find_signed(const std::string& lesson_id) const {
  return read(lesson_id, true);
}

std::optional<PublicLesson> PublicLessonService::read(const std::string& lesson_id,
                                                      bool sign) const {
  if (!looks_like_uuid(lesson_id)) return std::nullopt;
  return db::with_read_transaction(pool_, [&](db::Transaction& tx) -> std::optional<PublicLesson> {
    auto rows = tx.exec(kOne, lesson_id);
    if (rows.empty()) return std::nullopt;
    PublicLesson lesson = public_lesson_of(rows[0]);
    if (sign) {
      // Signed as sent, with the key current now (FEDERATION.md, "Signed lesson documents"): the
      // stored object exactly, so the signature covers what was approved.
      auto key = keys_.signing_key(tx);
      lesson.signed_document = federation::sign_lesson_document(
          json::parse(rows[0][1].as<std::string>()),
          federation::full_key_id(identity_.origin, key.key_id), key.key);
    }
    return lesson;
  });
}

PublicFeed PublicLessonService::feed() const {
  return db::with_read_transaction(pool_, [](db::Transaction& tx) {
    PublicFeed feed;
    for (const auto& row : tx.exec(kAll))
      feed.lessons.push_back(public_lesson_of(row));
    auto last = tx.exec(kLastChange)[0][0];
    if (!last.is_null()) feed.updated = last.as<std::string>();
    // A version's published_at comes from the server's clock, the last change from the
    // database's: the feed's `updated` is the later of all of them.
    for (const auto& lesson : feed.lessons) {
      auto at = common::parse_rfc3339(lesson.document.published_at);
      auto current = feed.updated ? common::parse_rfc3339(*feed.updated) : std::nullopt;
      if (at && (!current || *at > *current)) feed.updated = lesson.document.published_at;
    }
    return feed;
  });
}

}  // namespace hindsight::server
