// The candidates of a ranked full-text search (docs/search.md): a search orders a bounded set of
// rows by ts_rank instead of every match. They are the rows each of the query's first words
// ranks best alone, read in that order from a table of words (sql/0020_search_terms.sql) and
// kept if they meet the search's conditions; and only when those are too few, as when the words
// sit in no title or summary, the newest rows that meet the conditions.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace hindsight::common::db {

// What a ranked search reads, however many rows match: the kBestPerWord best rows of each of the
// query's first kRankedWords words (kBestPerWordFiltered when filters may reject most of them),
// of which the first kBestCandidates that meet the search's conditions, taking each word's best
// in turn, are ranked; when fewer than kEnoughBest meet them, also its kNewestCandidates newest
// matches. Reading a listed row and testing it costs far less than finding the newest matches
// of a narrow filter, which reads all of them; ranking a row costs more than testing it.
inline constexpr int kBestPerWord = 200;
inline constexpr int kBestPerWordFiltered = 1000;
inline constexpr int kRankedWords = 5;
inline constexpr int kBestCandidates = 300;
// The largest page and one more: a first page of a one-word search is then exactly its best.
inline constexpr int kEnoughBest = 101;
inline constexpr int kNewestCandidates = 200;

struct RankedCandidates {
  std::string_view table;        // the searched table
  std::string_view alias;        // its name in `where`
  std::string_view time_column;  // newest first; equal ranks show the newer first
  std::string_view terms_table;  // (lexeme, terms_id, score, time_column)
  std::string_view terms_id;     // the column of terms_table naming a row of table
  std::string_view where;        // the search's conditions over `alias`; the query text is $1
  bool filtered;                 // `where` holds filters besides the text
};

// "WITH ..., candidate AS (...)": a statement prefix defining `candidate(id)`.
inline std::string ranked_candidates_sql(const RankedCandidates& c) {
  return fmt::format(
      // Each row once, at its best place in any word's list.
      "WITH listed AS MATERIALIZED (SELECT b.id, min(b.place) AS place FROM "
      "unnest((tsvector_to_array(to_tsvector('english', $1)))[1:{words}]) AS w(lexeme), "
      "LATERAL (SELECT t.{terms_id} AS id, row_number() OVER (ORDER BY t.score DESC, "
      "t.{time} DESC, t.{terms_id} DESC) AS place FROM {terms} t WHERE t.lexeme = w.lexeme "
      "ORDER BY t.score DESC, t.{time} DESC, t.{terms_id} DESC LIMIT {per_word}) b "
      "GROUP BY b.id), "
      // Each listed row, in list order, is looked up by its key and tested alone, until enough
      // pass (OFFSET 0 keeps the planner from turning this into a join that reads every match).
      "best AS MATERIALIZED (SELECT b.id FROM (SELECT listed.id FROM listed "
      "ORDER BY listed.place, listed.id) listed, LATERAL (SELECT {a}.id FROM {table} {a} "
      "WHERE {a}.id = listed.id AND {where} OFFSET 0) b LIMIT {best}), "
      // An uncorrelated condition: evaluated once, and the scan is skipped when it is false.
      "newest AS MATERIALIZED (SELECT {a}.id FROM {table} {a} WHERE {where} "
      "AND (SELECT count(*) FROM best) < {enough} "
      "ORDER BY {a}.{time} DESC, {a}.id DESC LIMIT {newest}), "
      "candidate AS (SELECT best.id FROM best UNION SELECT newest.id FROM newest) ",
      fmt::arg("words", kRankedWords), fmt::arg("terms_id", c.terms_id),
      fmt::arg("terms", c.terms_table), fmt::arg("time", c.time_column),
      fmt::arg("per_word", c.filtered ? kBestPerWordFiltered : kBestPerWord),
      fmt::arg("table", c.table), fmt::arg("a", c.alias), fmt::arg("where", c.where),
      fmt::arg("best", kBestCandidates), fmt::arg("enough", kEnoughBest),
      fmt::arg("newest", kNewestCandidates));
}

}  // namespace hindsight::common::db
