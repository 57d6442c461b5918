// A bounded, least-recently-used cache of rows the ChangeFeed watches. A value loaded while a
// change arrived is returned but not kept (the load may have read the row before the change),
// and nothing is cached while the feed is not live, so a hit is never older than the last
// change this process heard.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/db/change_feed.hpp"

namespace hindsight::common::db {

template <typename Value>
class CoherentCache final : public ChangeFeed::Subscriber {
 public:
  using Weigher = std::function<std::size_t(const Value&)>;

  struct Options {
    // Topics whose changes name a key of this cache; a change with an empty key clears it.
    std::vector<std::string> keyed_topics;
    // Topics any of whose changes clear the whole cache.
    std::vector<std::string> clearing_topics;
    std::size_t byte_budget = 32 << 20;
    Weigher weigh;  // bytes a value holds; unset counts 256 each
  };

  CoherentCache(ChangeFeed& feed, Options options) : feed_(feed), options_(std::move(options)) {
    feed_.subscribe(*this);
  }
  ~CoherentCache() override { feed_.unsubscribe(*this); }
  CoherentCache(const CoherentCache&) = delete;
  CoherentCache& operator=(const CoherentCache&) = delete;

  // The cached value if there is one, without loading: for answering on a thread that must
  // not block. A miss is counted by the get_or_load that follows it.
  std::optional<Value> peek(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, it->second);
    ++hits_;
    return it->second->value;
  }

  // The cached value, or `load(key)` (an optional: nullopt is not cached). `load` runs without
  // the lock and may throw.
  template <typename Load>
  std::optional<Value> get_or_load(const std::string& key, Load&& load) {
    std::uint64_t generation;
    {
      std::lock_guard lock(mutex_);
      if (auto it = index_.find(key); it != index_.end()) {
        entries_.splice(entries_.begin(), entries_, it->second);
        ++hits_;
        return it->second->value;
      }
      ++misses_;
      generation = generation_;
    }
    std::optional<Value> loaded = load(key);
    if (loaded && feed_.live()) store(generation, key, *loaded);
    return loaded;
  }

  void changed(std::string_view topic, std::string_view key) override {
    if (contains(options_.clearing_topics, topic)) return reset();
    if (!contains(options_.keyed_topics, topic)) return;
    if (key.empty()) return reset();
    std::lock_guard lock(mutex_);
    ++generation_;
    if (auto it = index_.find(std::string(key)); it != index_.end()) erase(it);
  }

  void reset() override {
    std::lock_guard lock(mutex_);
    ++generation_;
    index_.clear();
    entries_.clear();
    bytes_ = 0;
  }

  struct Stats {
    std::size_t entries, bytes;
    std::uint64_t hits, misses;
  };
  Stats stats() const {
    std::lock_guard lock(mutex_);
    return {index_.size(), bytes_, hits_, misses_};
  }

 private:
  struct Entry {
    std::string key;
    Value value;
    std::size_t weight;
  };
  using Entries = std::list<Entry>;

  static bool contains(const std::vector<std::string>& topics, std::string_view topic) {
    for (const auto& t : topics)
      if (t == topic) return true;
    return false;
  }

  void store(std::uint64_t generation, const std::string& key, const Value& value) {
    std::size_t weight =
        (options_.weigh ? options_.weigh(value) : std::size_t{256}) + key.size() + sizeof(Entry);
    if (weight > options_.byte_budget / 8) return;  // one huge value must not flush the rest
    std::lock_guard lock(mutex_);
    if (generation != generation_ || index_.contains(key)) return;
    entries_.push_front(Entry{key, value, weight});
    index_.emplace(key, entries_.begin());
    bytes_ += weight;
    while (bytes_ > options_.byte_budget)
      erase(index_.find(entries_.back().key));
  }

  void erase(typename std::unordered_map<std::string, typename Entries::iterator>::iterator it) {
    bytes_ -= it->second->weight;
    entries_.erase(it->second);
    index_.erase(it);
  }

  ChangeFeed& feed_;
  const Options options_;
  mutable std::mutex mutex_;
  Entries entries_;  // most recently used first
  std::unordered_map<std::string, typename Entries::iterator> index_;
  std::size_t bytes_ = 0;
  std::uint64_t generation_ = 0;  // bumped by every change: loads that straddle one are dropped
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace hindsight::common::db
