#include "server/postmortems/postmortem_stats.hpp"

#include "common/db/transaction.hpp"

namespace hindsight::server {
namespace db = common::db;

namespace {

constexpr db::Statement kStats{"pm_stats", R"(
WITH p AS (
  SELECT * FROM postmortems
  WHERE ($1::timestamptz IS NULL OR COALESCE(started_at, created_at) >= $1::timestamptz)
    AND ($2::timestamptz IS NULL OR COALESCE(started_at, created_at) < $2::timestamptz))
SELECT jsonb_build_object(
  'postmortems', (SELECT count(*) FROM p),
  'by_severity', COALESCE((SELECT jsonb_object_agg(severity, n)
                           FROM (SELECT severity::text, count(*) n FROM p GROUP BY 1) s), '{}'),
  'by_status', COALESCE((SELECT jsonb_object_agg(status, n)
                         FROM (SELECT status::text, count(*) n FROM p GROUP BY 1) s), '{}'),
  'by_contributing_factor', COALESCE((
      SELECT jsonb_object_agg(category, n)
      FROM (SELECT f.category::text, count(DISTINCT f.postmortem_id) n
            FROM contributing_factors f JOIN p ON p.id = f.postmortem_id GROUP BY 1) c), '{}'),
  'by_month', COALESCE((
      SELECT jsonb_agg(jsonb_build_object('month', m, 'count', n) ORDER BY m)
      FROM (SELECT to_char(date_trunc('month', COALESCE(started_at, created_at) AT TIME ZONE 'UTC'), 'YYYY-MM') m,
                   count(*) n FROM p GROUP BY 1) mm), '[]'),
  'median_time_to_detect_seconds', (
      SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM detected_at - started_at)))
      FROM p WHERE detected_at IS NOT NULL AND started_at IS NOT NULL),
  'median_time_to_resolve_seconds', (
      SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - started_at)))
      FROM p WHERE resolved_at IS NOT NULL AND started_at IS NOT NULL),
  'open_action_items', (SELECT count(*) FROM action_items a JOIN p ON p.id = a.postmortem_id
                        WHERE a.status IN ('open', 'in_progress')),
  'overdue_action_items', (SELECT count(*) FROM action_items a JOIN p ON p.id = a.postmortem_id
                           WHERE a.status IN ('open', 'in_progress') AND a.due < current_date)
)::text)"};

}  // namespace

nlohmann::json postmortem_stats(db::ConnectionPool& pool, const std::optional<std::string>& from,
                                const std::optional<std::string>& to) {
  auto rows = db::with_read_transaction(
      pool, [&](db::Transaction& tx) { return tx.exec(kStats, from, to); });
  return nlohmann::json::parse(rows[0][0].as<std::string>());
}

}  // namespace hindsight::server
