// Finding postmortems: PostgreSQL full-text search over the weighted search vector, ranked over a
// bounded set of candidates (docs/search.md), with filters, and keyset (cursor) pagination that
// stays stable while rows are added.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/connection_pool.hpp"
#include "common/db/statement_variants.hpp"

namespace hindsight::server {

// Filters already checked by whoever read them (the route): enum values known, instants in UTC.
struct SearchQuery {
  std::optional<std::string> text;  // websearch syntax: words, "phrases", -excluded, or
  std::optional<std::string> status;
  std::optional<std::string> severity;
  std::optional<std::string> tag;
  std::optional<std::string> service;
  std::optional<std::string> category;  // contributing-factor category
  std::optional<std::string> author;    // username of the creator
  std::optional<std::string> from;      // started_at >= from (RFC 3339, UTC)
  std::optional<std::string> to;        // started_at < to
  std::optional<std::string> cursor;
  int limit = 20;
};

class PostmortemSearch {
 public:
  explicit PostmortemSearch(common::db::ConnectionPool& pool) : pool_(pool) {}

  // {"items": [{"id","title","status","severity","tags","updated_at"}], "next_cursor"}
  nlohmann::json search(const SearchQuery& query) const;

 private:
  common::db::ConnectionPool& pool_;
  // One statement per combination of filters and cursor, built on first use.
  mutable common::db::StatementVariants statements_;
};

}  // namespace hindsight::server
