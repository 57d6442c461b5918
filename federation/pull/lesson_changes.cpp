#include "federation/pull/lesson_changes.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/db/statement.hpp"
#include "common/error/api_error.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/outbox/lesson_holders.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kSubscription{"pull_subscription", R"(
SELECT id FROM federation_subscriptions
WHERE peer_origin = $1 AND direction = 'incoming' AND state = 'accepted')"};

// One statement, so the page and the high-water mark come from one snapshot: versions are
// numbered in commit order (see LessonService), so every version at or below the mark is in it.
constexpr db::Statement kPage{"pull_page", R"(
WITH s AS (SELECT topics FROM federation_subscriptions WHERE id = $1::uuid),
page AS (
  SELECT lv.seq, lv.lesson_id, lv.version, lv.document::text AS document, x.view
  FROM lesson_versions lv
  JOIN lessons l ON l.id = lv.lesson_id AND l.published_version = lv.version
  CROSS JOIN s
  CROSS JOIN LATERAL (SELECT federation_version_view(s.topics, lv.lesson_id, lv.version) AS view) x
  WHERE lv.seq > $2 AND x.view IS NOT NULL
  ORDER BY lv.seq LIMIT $3
)
SELECT (SELECT COALESCE(max(seq), 0) FROM lesson_versions), page.seq, page.lesson_id,
       page.version, page.document, page.view
FROM (SELECT 1) one LEFT JOIN page ON true ORDER BY page.seq)"};

long long parse_cursor(std::string_view after) {
  if (after.empty()) return 0;
  long long seq = -1;
  auto [end, ec] = std::from_chars(after.data(), after.data() + after.size(), seq);
  if (ec != std::errc() || end != after.data() + after.size() || seq < 0 || after.size() > 18 ||
      after.front() == '+')
    throw ApiError::validation("after", "after is not a cursor this instance gave");
  return seq;
}

}  // namespace

json read_lesson_changes(db::Transaction& tx, const std::string& subscriber, std::string_view after,
                         int limit, const SigningKey& key) {
  long long cursor = parse_cursor(after);
  auto subscription = tx.exec(kSubscription, subscriber);
  if (subscription.empty())
    throw ApiError(
        403, "not_subscribed",
        fmt::format("{} has no accepted subscription here: there is nothing to pull", subscriber));
  auto rows = tx.exec(kPage, subscription[0][0].as<std::string>(), cursor, limit);
  json items = json::array();
  std::vector<LessonHolding> given;
  long long last = cursor;
  for (const auto& row : rows) {
    if (row[1].is_null()) continue;
    last = row[1].as<long long>();
    bool tombstone = row[5].as<std::string>() == "tombstone";
    json lesson = document_to_send(row[4].as<std::string>(), tombstone);
    given.push_back(
        {row[2].as<std::string>(), subscriber, row[3].as<int>(), lesson["retracted"].get<bool>()});
    items.push_back(sign_lesson_document(lesson, key.key_id, key.key));
  }
  record_lesson_holders(tx, given, "pull");
  // A short page means caught up to the high-water mark: resume after it.
  long long high = rows[0][0].as<long long>();
  long long next = static_cast<int>(items.size()) < limit ? std::max(last, high) : last;
  return {{"items", std::move(items)}, {"next", std::to_string(next)}};
}

}  // namespace hindsight::federation
