#include "server/feed/feed_search.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "common/db/custom_plans.hpp"
#include "common/db/keyset_page.hpp"
#include "common/db/ranked_search.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/feed/feed_cursor.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// What the feed lists: no tombstone (retracted, or withdrawn with its subscription), nothing
// from a blocked peer. The peers not blocked are an init plan read once, not a join, so the
// planner can still walk the newest-first index and stop after one page. Named this way round
// (every lesson's origin is a peer), the condition is estimated from the lessons' origins;
// "not one of the blocked" was estimated to keep almost no row, and a ranked search then read
// every match instead of walking to its newest.
constexpr const char* kListed =
    "r.fields IS NOT NULL AND NOT r.retracted AND r.withdrawn_at IS NULL AND r.origin = ANY "
    "(ARRAY(SELECT b.origin FROM federation_peers b WHERE b.blocked_at IS NULL))";

// Each filter is a fixed fragment over one parameter; a statement is assembled from these
// constants only. The text query comes first, so it is always $1 where ranking reads it.
struct Filter {
  const char* sql;  // "$N" is replaced by the parameter's position
};
constexpr Filter kFilters[] = {
    {"r.search_vector @@ websearch_to_tsquery('english', $N)"},
    {"r.tags @> ARRAY[$N::text]"},
    {"r.origin = $N"},
    {"r.severity = $N::severity"},
    {"(r.fields -> 'contributing_factors') @> $N::jsonb"},
    {"r.published_at >= $N::timestamptz"},
    {"r.published_at < $N::timestamptz"},
};
constexpr std::size_t kFilterCount = std::size(kFilters);
constexpr unsigned kTextBit = 1u;  // kFilters[0], the query

constexpr const char* kCandidateColumns =
    "r.id, r.origin, r.title, r.summary, r.tags, r.severity, r.published_at, r.received_at, "
    "r.updated_at, r.version, r.retracted, r.hidden_at";
constexpr const char* kItemColumns =
    "c.id::text, c.origin, p.name, c.title, c.summary, to_jsonb(c.tags)::text, c.severity::text, "
    "rfc3339(c.published_at), rfc3339(c.received_at), rfc3339(c.updated_at), c.version, "
    "c.retracted, c.hidden_at IS NOT NULL";

struct Shape {
  unsigned mask;  // bit i set: kFilters[i] in use
  bool hidden;
  bool ranked;
  bool after_cursor;
};

std::string where_clause(const Shape& s, std::size_t& position) {
  std::string where = kListed;
  where += s.hidden ? " AND r.hidden_at IS NOT NULL" : " AND r.hidden_at IS NULL";
  for (std::size_t i = 0; i < kFilterCount; ++i)
    if (s.mask & (1u << i)) where += " AND " + db::numbered(kFilters[i].sql, ++position);
  return where;
}

// Newest first: the page is read in the (received_at, id) order of its index, then named.
std::string newest_first_sql(const Shape& s) {
  std::size_t position = 0;
  std::string where = where_clause(s, position);
  if (s.after_cursor) {
    where += fmt::format(" AND (r.received_at, r.id) < (${}::timestamptz, ${}::uuid)", position + 1,
                         position + 2);
    position += 2;
  }
  return fmt::format(
      "SELECT {} FROM (SELECT {} FROM received_lessons r WHERE {} "
      "ORDER BY r.received_at DESC, r.id DESC LIMIT ${}) c "
      "JOIN federation_peers p ON p.origin = c.origin ORDER BY c.received_at DESC, c.id DESC",
      kItemColumns, kCandidateColumns, where, position + 1);
}

// Ranked (docs/search.md): ts_rank orders the lessons each of the query's first words ranks
// best alone that are listed and meet the filters, and, when too few are, the newest such
// matches. Later pages keep the first page's candidates by staying at or below its newest one.
std::string ranked_sql(const Shape& s) {
  std::size_t position = 0;
  std::string where = where_clause(s, position);
  std::string after;
  if (s.after_cursor) {
    where += fmt::format(" AND (r.received_at, r.id) <= (${}::timestamptz, ${}::uuid)",
                         position + 1, position + 2);
    after = fmt::format(
        " WHERE (c.rank, c.received_at, c.id) < (${}::real, ${}::timestamptz, ${}::uuid)",
        position + 3, position + 4, position + 5);
    position += 5;
  }
  return fmt::format(
      "{}SELECT {}, c.rank::text, rfc3339(c.newest_received_at), c.newest_id::text FROM ("
      "SELECT {}, ts_rank(r.search_vector, websearch_to_tsquery('english', $1)) AS rank, "
      "first_value(r.received_at) OVER newest AS newest_received_at, "
      "first_value(r.id) OVER newest AS newest_id "
      "FROM candidate JOIN received_lessons r ON r.id = candidate.id "
      "WINDOW newest AS (ORDER BY r.received_at DESC, r.id DESC)) c "
      "JOIN federation_peers p ON p.origin = c.origin{} "
      "ORDER BY c.rank DESC, c.received_at DESC, c.id DESC LIMIT ${}",
      db::ranked_candidates_sql({"received_lessons", "r", "received_at", "received_lesson_terms",
                                 "lesson_id", where, (s.mask & ~kTextBit) != 0 || s.hidden}),
      kItemColumns, kCandidateColumns, after, position + 1);
}

json item_of(const pqxx::row& row) {
  return json{{"id", row[0].as<std::string>()},
              {"origin", row[1].as<std::string>()},
              {"peer_name", row[2].is_null() ? json(nullptr) : json(row[2].as<std::string>())},
              {"title", row[3].as<std::string>()},
              {"summary", row[4].as<std::string>()},
              {"tags", json::parse(row[5].as<std::string>())},
              {"severity", row[6].as<std::string>()},
              {"published_at", row[7].as<std::string>()},
              {"received_at", row[8].as<std::string>()},
              {"updated_at", row[9].as<std::string>()},
              {"version", row[10].as<int>()},
              {"retracted", row[11].as<bool>()},
              {"hidden", row[12].as<bool>()}};
}

}  // namespace

json FeedSearch::search(const FeedQuery& q, const Principal& caller) const {
  if (q.hidden && !caller.has(Role::reviewer))
    throw ApiError::forbidden("listing hidden lessons needs the reviewer role");
  std::optional<std::string> factor;
  if (q.factor) factor = json::array({{{"category", *q.factor}}}).dump();
  const std::optional<std::string>* values[] = {&q.text, &q.tag,   &q.peer, &q.severity,
                                                &factor, &q.since, &q.until};
  static_assert(std::size(values) == kFilterCount);
  Shape shape{0, q.hidden, q.text.has_value(), q.cursor.has_value()};
  std::vector<std::string> params;
  for (std::size_t i = 0; i < kFilterCount; ++i) {
    if (*values[i]) {
      shape.mask |= 1u << i;
      params.push_back(**values[i]);
    }
  }
  if (q.cursor) {
    FeedCursor cursor = decode_feed_cursor(*q.cursor, shape.ranked);
    if (shape.ranked)
      params.insert(params.end(), {cursor.newest_received_at, cursor.newest_id, *cursor.rank});
    params.insert(params.end(), {cursor.received_at, cursor.id});
  }
  params.push_back(std::to_string(q.limit + 1));  // one more tells whether a next page exists

  db::Statement statement =
      statements_.get(fmt::format("feed_{}_{}_{}_{}", shape.mask, shape.hidden ? 1 : 0,
                                  shape.ranked ? 1 : 0, shape.after_cursor ? 1 : 0),
                      [&] { return shape.ranked ? ranked_sql(shape) : newest_first_sql(shape); });
  auto rows = db::with_read_transaction(pool_, [&](db::Transaction& tx) {
    tx.exec(db::kCustomPlans);
    return tx.exec_dynamic(statement, params);
  });
  auto cursor_of = [ranked = shape.ranked](const pqxx::row& row) {
    FeedCursor c{row[8].as<std::string>(), row[0].as<std::string>(), std::nullopt, {}, {}};
    if (ranked) {
      c.rank = row[13].as<std::string>();
      c.newest_received_at = row[14].as<std::string>();
      c.newest_id = row[15].as<std::string>();
    }
    return encode_feed_cursor(c);
  };
  return db::keyset_page(rows, q.limit, item_of, cursor_of);
}

}  // namespace hindsight::server
