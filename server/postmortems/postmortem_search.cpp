#include "server/postmortems/postmortem_search.hpp"

#include <fmt/format.h>

#include <charconv>

#include "common/crypto/encoding.hpp"
#include "common/db/keyset_page.hpp"
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
    // A scalar subquery is evaluated once per query; called directly, the generic plan of a
    // prepared statement parses the query again for every candidate row.
    {"text", "p.search_vector @@ (SELECT websearch_to_tsquery('english', $N))"},
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

// Statement text for one combination of filters (bit i set: kFilters[i] in use) and cursor.
// Without a text query the order is the (updated_at, id) index's own, so a page reads only its
// rows; with one, matches are ranked first.
std::string build_sql(unsigned mask, bool ranked, bool after_cursor) {
  std::string where;
  std::size_t position = 0;
  for (std::size_t i = 0; i < kFilterCount; ++i)
    if (mask & (1u << i))
      where += (where.empty() ? " WHERE " : " AND ") + db::numbered(kFilters[i].sql, ++position);
  const std::string columns =
      "p.id::text, p.title, p.status::text, p.severity::text, to_jsonb(p.tags)::text, "
      "rfc3339(p.updated_at)";
  if (!ranked) {
    if (after_cursor)
      where += fmt::format("{}(p.updated_at, p.id) < (${}::timestamptz, ${}::uuid)",
                           where.empty() ? " WHERE " : " AND ", position + 1, position + 2);
    position += after_cursor ? 2 : 0;
    return fmt::format(
        "SELECT {}, '0' FROM postmortems p{} ORDER BY p.updated_at DESC, p.id DESC LIMIT ${}",
        columns, where, position + 1);
  }
  std::string sql = fmt::format(
      "SELECT * FROM (SELECT p.id, p.title, p.status, p.severity, p.tags, p.updated_at, "
      "ts_rank(p.search_vector, (SELECT websearch_to_tsquery('english', $1))) AS rank "
      "FROM postmortems p{}) "
      "p",
      where);
  if (after_cursor)
    sql += fmt::format(
        " WHERE (p.rank, p.updated_at, p.id) < (${}::real, ${}::timestamptz, ${}::uuid)",
        position + 1, position + 2, position + 3);
  position += after_cursor ? 3 : 0;
  return fmt::format(
      "SELECT {}, p.rank::text FROM ({}) p ORDER BY p.rank DESC, p.updated_at DESC, p.id DESC "
      "LIMIT ${}",
      columns, sql, position + 1);
}

struct Cursor {
  std::string rank, updated_at, id;
};

std::string encode_cursor(const Cursor& c) {
  return common::crypto::base64url_encode(
      json{{"r", c.rank}, {"u", c.updated_at}, {"i", c.id}}.dump());
}

Cursor decode_cursor(const std::string& text) {
  auto bad = [] {
    return ApiError::validation("cursor", "cursor is not one this server gave out");
  };
  auto raw = common::crypto::base64url_decode(text);
  if (!raw) throw bad();
  json c = json::parse(*raw, nullptr, false);
  if (!c.is_object() || !c["r"].is_string() || !c["u"].is_string() || !c["i"].is_string())
    throw bad();
  Cursor out{c["r"], c["u"], c["i"]};
  float rank = 0;
  auto [end, ec] = std::from_chars(out.rank.data(), out.rank.data() + out.rank.size(), rank);
  auto updated_at = common::canonical_instant(out.updated_at);
  if (ec != std::errc() || end != out.rank.data() + out.rank.size() || !updated_at ||
      !looks_like_uuid(out.id))
    throw bad();
  out.updated_at = *updated_at;
  return out;
}

}  // namespace

json PostmortemSearch::search(const SearchQuery& q) const {
  const std::optional<std::string>* values[] = {
      &q.text, &q.status, &q.severity, &q.tag, &q.service, &q.category, &q.author, &q.from, &q.to};
  static_assert(std::size(values) == kFilterCount);
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
    cursor = decode_cursor(*q.cursor);
    if (q.text) params.push_back(cursor->rank);
    params.insert(params.end(), {cursor->updated_at, cursor->id});
  }
  params.push_back(std::to_string(q.limit + 1));  // one more tells whether a next page exists

  db::Statement statement =
      statements_.get(fmt::format("pm_search_{}_{}", mask, cursor ? 1 : 0),
                      [&] { return build_sql(mask, q.text.has_value(), cursor.has_value()); });
  auto rows = db::with_read_transaction(
      pool_, [&](db::Transaction& tx) { return tx.exec_dynamic(statement, params); });

  auto item_of = [](const pqxx::row& row) {
    return json{{"id", row[0].as<std::string>()},
                {"title", row[1].as<std::string>()},
                {"status", row[2].as<std::string>()},
                {"severity", row[3].as<std::string>()},
                {"tags", json::parse(row[4].as<std::string>())},
                {"updated_at", row[5].as<std::string>()}};
  };
  auto cursor_of = [](const pqxx::row& row) {
    return encode_cursor(
        Cursor{row[6].as<std::string>(), row[5].as<std::string>(), row[0].as<std::string>()});
  };
  return db::keyset_page(rows, q.limit, item_of, cursor_of);
}

}  // namespace hindsight::server
