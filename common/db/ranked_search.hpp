// The candidates of a ranked full-text search (docs/search.md): a search orders a bounded set of
// rows by ts_rank instead of every match. The statement defines `newest`, the newest matches
// (after its filters), and this fragment adds, when `newest` is full, the rows each of the
// query's first words ranks best alone, read in score order from a table of words kept by
// search_terms_refresh() (sql/0017_search_terms.sql).
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace hindsight::common::db {

struct RankedCandidates {
  std::string_view terms_table;  // (lexeme, <id_column>, score), indexed by (lexeme, score DESC)
  std::string_view id_column;
  int newest;    // the LIMIT of the statement's `newest`
  int per_word;  // best rows read per word
  int words;     // query words read
};

// "SELECT newest.id FROM newest UNION ...": the ids of the candidates. The query text is $1.
inline std::string ranked_candidates_sql(const RankedCandidates& c) {
  return fmt::format(
      "SELECT newest.id FROM newest UNION SELECT best.id FROM "
      "unnest((tsvector_to_array(to_tsvector('english', $1)))[1:{}]) AS w(lexeme), "
      "LATERAL (SELECT t.{} AS id FROM {} t WHERE t.lexeme = w.lexeme "
      "ORDER BY t.score DESC LIMIT {}) best "
      // Fewer newest matches than asked for are all the matches: no need for the best ones.
      "WHERE (SELECT count(*) FROM newest) = {}",
      c.words, c.id_column, c.terms_table, c.per_word, c.newest);
}

}  // namespace hindsight::common::db
