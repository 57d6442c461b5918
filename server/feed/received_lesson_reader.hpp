// One received lesson as the feed shows it: the peer's fields as they arrived, where and when
// it came from, whether it is hidden, and this instance's own notes and action items on it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

class ReceivedLessonReader {
 public:
  explicit ReceivedLessonReader(common::db::ConnectionPool& pool) : pool_(pool) {}

  // Throws 404 unless the caller may reach the lesson (listed_lesson.hpp).
  nlohmann::json get(const std::string& id, const Principal& caller) const;

 private:
  common::db::ConnectionPool& pool_;
};

// {"id", "origin", "peer_name", "lesson_uri", "version", "title", "summary", "tags",
// "severity", "published_at", "received_at", "updated_at", "received_via", "retracted",
// "hidden", "hidden_at", "hidden_by", "fields", "notes", "action_items"}, read in `tx`; throws
// 404 unless the caller may reach the lesson.
nlohmann::json read_received_lesson(common::db::Transaction& tx, const std::string& id,
                                    const Principal& caller);

}  // namespace hindsight::server
