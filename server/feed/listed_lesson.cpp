#include "server/feed/listed_lesson.hpp"

#include "common/error/api_error.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;

namespace {

// The same conditions as the feed's list (feed_search.cpp).
constexpr db::Statement kListed{"feed_listed_lesson", R"(
SELECT r.id::text, r.hidden_at IS NOT NULL
FROM received_lessons r JOIN federation_peers p ON p.origin = r.origin
WHERE r.id = $1::uuid AND r.fields IS NOT NULL AND NOT r.retracted AND r.withdrawn_at IS NULL
  AND p.blocked_at IS NULL)"};
constexpr db::Statement kListedForUpdate{"feed_listed_lesson_for_update", R"(
SELECT r.id::text, r.hidden_at IS NOT NULL
FROM received_lessons r JOIN federation_peers p ON p.origin = r.origin
WHERE r.id = $1::uuid AND r.fields IS NOT NULL AND NOT r.retracted AND r.withdrawn_at IS NULL
  AND p.blocked_at IS NULL
FOR UPDATE OF r)"};

}  // namespace

ListedLesson require_listed_lesson(db::Transaction& tx, const std::string& id,
                                   const Principal& caller, LessonLock lock) {
  auto not_found = [] { return ApiError::not_found("no such lesson in the feed"); };
  if (!common::looks_like_uuid(id)) throw not_found();
  auto rows = tx.exec(lock == LessonLock::for_update ? kListedForUpdate : kListed, id);
  if (rows.empty()) throw not_found();
  ListedLesson lesson{rows[0][0].as<std::string>(), rows[0][1].as<bool>()};
  if (lesson.hidden && !caller.has(Role::reviewer)) throw not_found();
  return lesson;
}

}  // namespace hindsight::server
