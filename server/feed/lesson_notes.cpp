#include "server/feed/lesson_notes.hpp"

#include "server/audit/audit_log.hpp"
#include "server/feed/listed_lesson.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kInsert{"feed_note_insert", R"(
INSERT INTO received_lesson_notes (received_lesson_id, author_id, text)
VALUES ($1::uuid, $2::uuid, $3)
RETURNING id::text, rfc3339(created_at))"};
constexpr db::Statement kList{"feed_note_list", R"(
SELECT n.id::text, u.username, n.text, rfc3339(n.created_at)
FROM received_lesson_notes n JOIN users u ON u.id = n.author_id
WHERE n.received_lesson_id = $1::uuid
ORDER BY n.created_at, n.id)"};

}  // namespace

json LessonNotes::add(db::Transaction& tx, const Principal& caller, const std::string& lesson_id,
                      const std::string& text) const {
  ListedLesson lesson = require_listed_lesson(tx, lesson_id, caller);
  auto row = tx.exec(kInsert, lesson.id, caller.user_id, text)[0];
  json note{{"id", row[0].as<std::string>()},
            {"author", caller.username},
            {"text", text},
            {"created_at", row[1].as<std::string>()}};
  record_audit(
      tx, &caller,
      {"received_lesson.note", "received_lesson", lesson.id, nullptr, {{"note", note["id"]}}});
  return note;
}

json LessonNotes::list(db::Transaction& tx, const std::string& lesson_id) {
  json notes = json::array();
  for (const auto& row : tx.exec(kList, lesson_id))
    notes.push_back({{"id", row[0].as<std::string>()},
                     {"author", row[1].as<std::string>()},
                     {"text", row[2].as<std::string>()},
                     {"created_at", row[3].as<std::string>()}});
  return notes;
}

}  // namespace hindsight::server
