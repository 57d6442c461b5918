#include "server/feed/lesson_moderation.hpp"

#include "common/error/api_error.hpp"
#include "server/audit/audit_log.hpp"
#include "server/feed/listed_lesson.hpp"
#include "server/feed/received_lesson_reader.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kHide{"feed_lesson_hide", R"(
UPDATE received_lessons SET hidden_at = now(), hidden_by = $2::uuid WHERE id = $1::uuid)"};
constexpr db::Statement kShow{"feed_lesson_show", R"(
UPDATE received_lessons SET hidden_at = NULL, hidden_by = NULL WHERE id = $1::uuid)"};

}  // namespace

json LessonModeration::set_hidden(db::Transaction& tx, const Principal& caller,
                                  const std::string& lesson_id, bool hidden) const {
  if (!caller.has(Role::reviewer))
    throw common::ApiError::forbidden("moderating the feed needs the reviewer role");
  ListedLesson lesson = require_listed_lesson(tx, lesson_id, caller, LessonLock::for_update);
  if (lesson.hidden != hidden) {
    if (hidden)
      tx.exec(kHide, lesson.id, caller.user_id);
    else
      tx.exec(kShow, lesson.id);
    record_audit(tx, &caller,
                 {hidden ? "received_lesson.hide" : "received_lesson.unhide",
                  "received_lesson",
                  lesson.id,
                  {{"hidden", lesson.hidden}},
                  {{"hidden", hidden}}});
  }
  return read_received_lesson(tx, lesson.id, caller);
}

}  // namespace hindsight::server
