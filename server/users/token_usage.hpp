// When each API token was last used, without a database write per request: authentication
// notes the use in memory, and flush() writes what was noted since the last flush in one
// statement (every minute in the background, before a token list, and at shutdown).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/db/connection_pool.hpp"

namespace hindsight::server {

class TokenUsage {
 public:
  explicit TokenUsage(common::db::ConnectionPool& pool) : pool_(pool) {}

  // Cheap and non-blocking: called on every authenticated request.
  void note(const std::string& token_hash);
  // Writes the noted uses; blocking. Uses noted while it runs wait for the next flush.
  void flush();

 private:
  common::db::ConnectionPool& pool_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::chrono::system_clock::time_point> pending_;
};

}  // namespace hindsight::server
