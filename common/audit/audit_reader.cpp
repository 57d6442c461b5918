#include "common/audit/audit_reader.hpp"

#include "common/db/keyset_page.hpp"

namespace hindsight::common::audit {
namespace {

using nlohmann::json;

constexpr db::Statement kAuditPage{"audit_page", R"(
SELECT id, rfc3339(at), actor, action, target_type, target_id, before::text, after::text
FROM audit_log
WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2)
  AND ($3::text IS NULL OR target_type = $3) AND ($4::text IS NULL OR target_id = $4)
  AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
  AND ($7::bigint IS NULL OR id < $7)
ORDER BY id DESC LIMIT $8)"};

json item_of(const pqxx::row& r) {
  auto maybe_json = [&](int c) {
    return r[c].is_null() ? json(nullptr) : json::parse(r[c].as<std::string>());
  };
  return {{"id", r[0].as<long long>()},
          {"at", r[1].as<std::string>()},
          {"actor", r[2].as<std::string>()},
          {"action", r[3].as<std::string>()},
          {"target_type", r[4].as<std::string>()},
          {"target_id", r[5].is_null() ? json(nullptr) : json(r[5].as<std::string>())},
          {"before", maybe_json(6)},
          {"after", maybe_json(7)}};
}

}  // namespace

json read_page(db::Transaction& tx, const Filter& filter) {
  auto rows = tx.exec(kAuditPage, filter.actor, filter.action, filter.target_type, filter.target_id,
                      filter.from, filter.to, filter.before_id, filter.limit + 1);
  return db::keyset_page(rows, filter.limit, item_of,
                         [](const pqxx::row& r) { return std::to_string(r[0].as<long long>()); });
}

}  // namespace hindsight::common::audit
