#include "server/feed/received_lesson_reader.hpp"

#include "server/feed/lesson_action_items.hpp"
#include "server/feed/lesson_notes.hpp"
#include "server/feed/listed_lesson.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kLesson{"feed_lesson_get", R"(
SELECT r.origin, p.name, r.lesson_uri, r.version, r.title, r.summary, to_jsonb(r.tags)::text,
       r.severity::text, rfc3339(r.published_at), rfc3339(r.received_at), rfc3339(r.updated_at),
       r.received_via, r.retracted, rfc3339(r.hidden_at), h.username, r.fields::text
FROM received_lessons r
JOIN federation_peers p ON p.origin = r.origin
LEFT JOIN users h ON h.id = r.hidden_by
WHERE r.id = $1::uuid)"};

}  // namespace

json read_received_lesson(db::Transaction& tx, const std::string& id, const Principal& caller) {
  ListedLesson lesson = require_listed_lesson(tx, id, caller);
  auto row = tx.exec(kLesson, lesson.id)[0];
  auto text_or_null = [&](int column) {
    return row[column].is_null() ? json(nullptr) : json(row[column].as<std::string>());
  };
  return json{{"id", lesson.id},
              {"origin", row[0].as<std::string>()},
              {"peer_name", text_or_null(1)},
              {"lesson_uri", row[2].as<std::string>()},
              {"version", row[3].as<int>()},
              {"title", row[4].as<std::string>()},
              {"summary", row[5].as<std::string>()},
              {"tags", json::parse(row[6].as<std::string>())},
              {"severity", row[7].as<std::string>()},
              {"published_at", row[8].as<std::string>()},
              {"received_at", row[9].as<std::string>()},
              {"updated_at", row[10].as<std::string>()},
              {"received_via", row[11].as<std::string>()},
              {"retracted", row[12].as<bool>()},
              {"hidden", lesson.hidden},
              {"hidden_at", text_or_null(13)},
              {"hidden_by", text_or_null(14)},
              {"fields", json::parse(row[15].as<std::string>())},
              {"notes", LessonNotes::list(tx, lesson.id)},
              {"action_items", LessonActionItems::list(tx, lesson.id)}};
}

json ReceivedLessonReader::get(const std::string& id, const Principal& caller) const {
  return db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return read_received_lesson(tx, id, caller); });
}

}  // namespace hindsight::server
