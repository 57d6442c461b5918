// Peers' standing kept in memory for the checks made before a request's signature, so a request
// from a known peer costs no database transaction of its own before its work. Coherent through
// the change feed (sql/0017): a block, an unblock or a subscription that begins or ends in any
// server process clears it. The transaction that does a request's work reads the standing again
// (admit_request), so a change this process has not heard of yet never lets a request through.
#pragma once

#include <optional>
#include <string>

#include "common/db/change_feed.hpp"
#include "common/db/coherent_cache.hpp"
#include "common/db/connection_pool.hpp"
#include "federation/peers/peer_standing.hpp"

namespace hindsight::federation {

class PeerStandingCache {
 public:
  PeerStandingCache(common::db::ChangeFeed& changes, common::db::ConnectionPool& pool)
      : pool_(pool), cache_(changes, {.clearing_topics = {"peer_standing"}}) {}

  // The cached standing, without touching the database: for a thread that must not block.
  std::optional<PeerStanding> peek(const std::string& origin) { return cache_.peek(origin); }
  // The standing, read from the database when it is not cached; blocks.
  PeerStanding get(const std::string& origin);

 private:
  common::db::ConnectionPool& pool_;
  common::db::CoherentCache<PeerStanding> cache_;
};

}  // namespace hindsight::federation
