// The current stored document of recently read postmortems, kept coherent by the change feed:
// every update of a postmortem row evicts it, so GET serves from memory without going stale.
#pragma once

#include <string>

#include "common/db/change_feed.hpp"
#include "common/db/coherent_cache.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {

class DocumentCache {
 public:
  using Cache = common::db::CoherentCache<StoredDocument>;

  DocumentCache(const PostmortemService& postmortems, common::db::ChangeFeed& changes);

  // The current document; throws 404 like PostmortemService::get_stored.
  StoredDocument get(const std::string& id) const;
  // The document if it is in memory; never touches the database.
  std::optional<StoredDocument> cached(const std::string& id) const;
  const Cache& cache() const { return cache_; }

 private:
  const PostmortemService& postmortems_;
  mutable Cache cache_;
};

}  // namespace hindsight::server
