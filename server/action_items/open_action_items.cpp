#include "server/action_items/open_action_items.hpp"

#include "common/db/keyset_page.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// Sorted by due date, no date last: the overdue come first, the most overdue at the top.
constexpr db::Statement kOpenItems{"action_items_open", R"(
SELECT a.id::text, a.text, u.username, to_char(a.due, 'YYYY-MM-DD'), a.status::text, a.external_link,
       p.id::text, p.title, r.id::text, r.title, a.due < current_date,
       COALESCE(a.due, 'infinity'::date)::text
FROM action_items a
LEFT JOIN postmortems p ON p.id = a.postmortem_id
LEFT JOIN received_lessons r ON r.id = a.received_lesson_id
LEFT JOIN users u ON u.id = a.owner_id
WHERE a.status IN ('open', 'in_progress')
  AND ($1::text IS NULL OR u.username = $1)
  AND ($2::uuid IS NULL OR a.received_lesson_id = $2::uuid)
  AND ($3::date IS NULL OR (COALESCE(a.due, 'infinity'::date), a.id) > ($3::date, $4::uuid))
ORDER BY COALESCE(a.due, 'infinity'::date), a.id
LIMIT $5)"};

}  // namespace

json OpenActionItems::list(const OpenActionItemsQuery& q) const {
  std::optional<std::string> after_due, after_id;
  if (q.cursor) {
    const std::string& cursor = *q.cursor;
    auto sep = cursor.find('_');
    bool ok = sep != std::string::npos && common::looks_like_uuid(cursor.substr(sep + 1)) &&
              (cursor.substr(0, sep) == "infinity" || common::parse_date(cursor.substr(0, sep)));
    if (!ok) throw ApiError::validation("cursor", "cursor is not one this server gave out");
    after_due = cursor.substr(0, sep);
    after_id = cursor.substr(sep + 1);
  }
  if (q.received_lesson && !common::looks_like_uuid(*q.received_lesson))
    throw ApiError::validation("received_lesson", "received_lesson must be a received lesson's id");
  auto rows = db::with_read_transaction(pool_, [&](db::Transaction& tx) {
    return tx.exec(kOpenItems, q.owner, q.received_lesson, after_due, after_id, q.limit + 1);
  });
  auto item_of = [](const pqxx::row& row) {
    auto text_or_null = [&](int column) {
      return row[column].is_null() ? json(nullptr) : json(row[column].as<std::string>());
    };
    auto source = [&](int column) {
      return row[column].is_null() ? json(nullptr)
                                   : json{{"id", row[column].as<std::string>()},
                                          {"title", row[column + 1].as<std::string>()}};
    };
    return json{{"id", row[0].as<std::string>()},
                {"text", row[1].as<std::string>()},
                {"owner", text_or_null(2)},
                {"due", text_or_null(3)},
                {"status", row[4].as<std::string>()},
                {"external_link", text_or_null(5)},
                {"postmortem", source(6)},
                {"received_lesson", source(8)},
                {"overdue", !row[10].is_null() && row[10].as<bool>()}};
  };
  auto cursor_of = [](const pqxx::row& row) {
    return row[11].as<std::string>() + "_" + row[0].as<std::string>();
  };
  return db::keyset_page(rows, q.limit, item_of, cursor_of);
}

}  // namespace hindsight::server
