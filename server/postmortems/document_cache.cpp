#include "server/postmortems/document_cache.hpp"

#include <algorithm>
#include <cctype>

namespace hindsight::server {

DocumentCache::DocumentCache(const PostmortemService& postmortems, common::db::ChangeFeed& changes)
    : postmortems_(postmortems),
      cache_(changes, {.keyed_topics = {"postmortem"},
                       .clearing_topics = {},
                       .byte_budget = 64 << 20,
                       .weigh = [](const StoredDocument& d) { return d.document.size(); }}) {}

namespace {

// Changes name the row by its canonical (lower-case) id; an upper-case spelling of the same id
// must not become a second entry nobody evicts.
std::string cache_key(const std::string& id) {
  std::string key = id;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

}  // namespace

std::optional<StoredDocument> DocumentCache::cached(const std::string& id) const {
  return cache_.peek(cache_key(id));
}

StoredDocument DocumentCache::get(const std::string& id) const {
  return *cache_.get_or_load(cache_key(id), [this](const std::string& key) {
    return std::optional<StoredDocument>(postmortems_.get_stored(key));
  });
}

}  // namespace hindsight::server
