#include "server/postmortems/postmortem_search.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/crypto/encoding.hpp"
#include "common/db/custom_plans.hpp"
#include "common/db/keyset_page.hpp"
#include "common/db/ranked_search.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// Each filter is a fixed SQL fragment over one parameter; the statement for a combination of
// filters is assembled from these constants only (values always travel as parameters), so the
// planner sees just the conditions in use and can pick the matching index.
struct Filter {
  const char* name;
  const char* sql;  // uses $N, replaced by the parameter's position
};
constexpr Filter kFilters[] = {
    // Searches are planned for their values (db::kCustomPlans), so the query is a constant by
    // then and the planner estimates how many rows its words match.
    {"text", "p.search_vector @@ websearch_to_tsquery('english', $N)"},
    {"status", "p.status = $N::postmortem_status"},
    {"severity", "p.severity = $N::severity"},
    {"tag", "p.tags @> ARRAY[$N::text]"},
    {"service", "p.services @> ARRAY[$N::text]"},
    {"category",
     "EXISTS (SELECT 1 FROM contributing_factors f WHERE f.postmortem_id = p.id AND f.category = "
     "$N::factor_category)"},
    {"author", "p.created_by = (SELECT u.id FROM users u WHERE u.username = $N)"},
    {"from", "p.started_at >= $N::timestamptz"},
    {"to", "p.started_at < $N::timestamptz"},
};
constexpr std::size_t kFilterCount = std::size(kFilters);
constexpr unsigned kTextBit = 1u;  // kFilters[0], the query

constexpr const char* kColumns =
    "p.id::text, p.title, p.status::text, p.severity::text, to_jsonb(p.tags)::text, "
    "rfc3339(p.updated_at)";

// The filters in use, joined by AND; empty when there are none.
std::string where_clause(unsigned mask, std::size_t& position) {
  std::string where;
  for (std::size_t i = 0; i < kFilterCount; ++i)
    if (mask & (1u << i))
      where += (where.empty() ? "" : " AND ") + db::numbered(kFilters[i].sql, ++position);
  return where;
}

// Without a text query the order is the (updated_at, id) index's own, so a page reads only its
// rows.
std::string newest_first_sql(unsigned mask, bool after_cursor) {
  std::size_t position = 0;
  std::string where = where_clause(mask, position);
  if (after_cursor)
    where += fmt::format("{}(p.updated_at, p.id) < (${}::timestamptz, ${}::uuid)",
                         where.empty() ? "" : " AND ", position + 1, position + 2);
  position += after_cursor ? 2 : 0;
  return fmt::format(
      "SELECT {}, '0' FROM postmortems p{}{} ORDER BY p.updated_at DESC, p.id DESC LIMIT ${}",
      kColumns, where.empty() ? "" : " WHERE ", where, position + 1);
}

// Ranked (docs/search.md): ts_rank orders a bounded set of candidates, never every match: the
// postmortems each of the query's first words ranks best alone (read in that order from
// search_terms) that meet the conditions, and, when too few do, the newest matches. For a one-word
// query the first are exactly its best matches; the newest find postmortems whose words sit only in
// the lower-weight fields. Later pages keep the first page's candidates by staying at or below its
// newest one.
std::string ranked_sql(unsigned mask, bool after_cursor) {
  std::size_t position = 0;
  std::string where = where_clause(mask, position);  // the text query is $1
  std::string after;
  if (after_cursor) {
    where += fmt::format(" AND (p.updated_at, p.id) <= (${}::timestamptz, ${}::uuid)", position + 1,
                         position + 2);
    after = fmt::format(
        " WHERE (p.rank, p.updated_at, p.id) < (${}::real, ${}::timestamptz, ${}::uuid)",
        position + 3, position + 4, position + 5);
    position += 5;
  }
  return fmt::format(
      "{}SELECT {}, p.rank::text, rfc3339(p.newest_updated_at), p.newest_id::text FROM ("
      "SELECT p.id, p.title, p.status, p.severity, p.tags, p.updated_at, "
      "ts_rank(p.search_vector, websearch_to_tsquery('english', $1)) AS rank, "
      "first_value(p.updated_at) OVER newest AS newest_updated_at, "
      "first_value(p.id) OVER newest AS newest_id "
      "FROM candidate JOIN postmortems p ON p.id = candidate.id "
      "WINDOW newest AS (ORDER BY p.updated_at DESC, p.id DESC)) p{} "
      "ORDER BY p.rank DESC, p.updated_at DESC, p.id DESC LIMIT ${}",
      db::ranked_candidates_sql({"postmortems", "p", "updated_at", "search_terms", "postmortem_id",
                                 where, (mask & ~kTextBit) != 0}),
      kColumns, after, position + 1);
}

// The position after the last row shown: (updated_at, id) newest first; ranked, also the rank
// and the first page's newest candidate.
struct Cursor {
  std::string rank, updated_at, id;
  std::string newest_updated_at, newest_id;  // ranked only
};

std::string encode_cursor(const Cursor& c) {
  json out{{"r", c.rank}, {"u", c.updated_at}, {"i", c.id}};
  if (!c.newest_id.empty()) {
    out["nu"] = c.newest_updated_at;
    out["ni"] = c.newest_id;
  }
  return common::crypto::base64url_encode(out.dump());
}

Cursor decode_cursor(const std::string& text, bool ranked) {
  auto bad = [] {
    return ApiError::validation("cursor", "cursor is not one this server gave out");
  };
  auto raw = common::crypto::base64url_decode(text);
  if (!raw) throw bad();
  json c = json::parse(*raw, nullptr, false);
  if (!c.is_object() || !c["r"].is_string() || !c["u"].is_string() || !c["i"].is_string())
    throw bad();
  Cursor out{c["r"], c["u"], c["i"], {}, {}};
  float rank = 0;
  auto [end, ec] = std::from_chars(out.rank.data(), out.rank.data() + out.rank.size(), rank);
  auto updated_at = common::canonical_instant(out.updated_at);
  if (ec != std::errc() || end != out.rank.data() + out.rank.size() || !updated_at ||
      !looks_like_uuid(out.id))
    throw bad();
  out.updated_at = *updated_at;
  if (ranked) {
    if (!c["nu"].is_string() || !c["ni"].is_string()) throw bad();
    auto newest = common::canonical_instant(c["nu"].get<std::string>());
    out.newest_id = c["ni"].get<std::string>();
    if (!newest || !looks_like_uuid(out.newest_id)) throw bad();
    out.newest_updated_at = *newest;
  }
  return out;
}

}  // namespace

json PostmortemSearch::search(const SearchQuery& q) const {
  const std::optional<std::string>* values[] = {
      &q.text, &q.status, &q.severity, &q.tag, &q.service, &q.category, &q.author, &q.from, &q.to};
  static_assert(std::size(values) == kFilterCount);
  const bool ranked = q.text.has_value();
  unsigned mask = 0;
  std::vector<std::string> params;
  for (std::size_t i = 0; i < kFilterCount; ++i) {
    if (*values[i]) {
      mask |= 1u << i;
      params.push_back(**values[i]);
    }
  }
  std::optional<Cursor> cursor;
  if (q.cursor) {
    cursor = decode_cursor(*q.cursor, ranked);
    if (ranked)
      params.insert(params.end(), {cursor->newest_updated_at, cursor->newest_id, cursor->rank});
    params.insert(params.end(), {cursor->updated_at, cursor->id});
  }
  params.push_back(std::to_string(q.limit + 1));  // one more tells whether a next page exists

  db::Statement statement =
      statements_.get(fmt::format("pm_search_{}_{}", mask, cursor ? 1 : 0), [&] {
        return ranked ? ranked_sql(mask, cursor.has_value())
                      : newest_first_sql(mask, cursor.has_value());
      });
  auto rows = db::with_read_transaction(pool_, [&](db::Transaction& tx) {
    if (ranked) tx.exec(db::kCustomPlans);
    return tx.exec_dynamic(statement, params);
  });

  auto item_of = [](const pqxx::row& row) {
    return json{{"id", row[0].as<std::string>()},
                {"title", row[1].as<std::string>()},
                {"status", row[2].as<std::string>()},
                {"severity", row[3].as<std::string>()},
                {"tags", json::parse(row[4].as<std::string>())},
                {"updated_at", row[5].as<std::string>()}};
  };
  auto cursor_of = [&](const pqxx::row& row) {
    Cursor next{
        row[6].as<std::string>(), row[5].as<std::string>(), row[0].as<std::string>(), {}, {}};
    if (ranked) {
      // Later pages keep the first page's candidates.
      next.newest_updated_at = cursor ? cursor->newest_updated_at : row[7].as<std::string>();
      next.newest_id = cursor ? cursor->newest_id : row[8].as<std::string>();
    }
    return encode_cursor(next);
  };
  return db::keyset_page(rows, q.limit, item_of, cursor_of);
}

}  // namespace hindsight::server
