// Reading the peer feed: the received lessons a caller may see, newest first, or ranked by a
// full-text query, with filters and keyset paging. A ranked search scores a bounded set of
// candidates, each query word's best lessons and, when too few, the newest matches
// (docs/search.md), so its cost is bounded however many lessons match.
#pragma once

#include <nlohmann/json.hpp>

#include "common/db/connection_pool.hpp"
#include "common/db/statement_variants.hpp"
#include "server/auth/principal.hpp"
#include "server/feed/feed_query.hpp"

namespace hindsight::server {

class FeedSearch {
 public:
  explicit FeedSearch(common::db::ConnectionPool& pool) : pool_(pool) {}

  // {"items": [{"id", "origin", "peer_name", "title", "summary", "tags", "severity",
  // "published_at", "received_at", "updated_at", "version", "retracted", "hidden"}],
  // "next_cursor"}. Hidden lessons are listed (query.hidden) only to reviewers: 403 otherwise.
  nlohmann::json search(const FeedQuery& query, const Principal& caller) const;

 private:
  common::db::ConnectionPool& pool_;
  // One statement per combination of filters, order and cursor, built on first use.
  mutable common::db::StatementVariants statements_;
};

}  // namespace hindsight::server
