#include "federation/peers/peer_standing_cache.hpp"

#include "common/db/transaction.hpp"

namespace hindsight::federation {

PeerStanding PeerStandingCache::get(const std::string& origin) {
  return *cache_.get_or_load(origin, [this](const std::string& key) {
    return std::optional(common::db::with_read_transaction(
        pool_, [&](common::db::Transaction& tx) { return peer_standing(tx, key); }));
  });
}

}  // namespace hindsight::federation
