// Reviewers hide a received lesson from the feed, or show it again (FEDERATION.md, "Blocking
// and moderation"). The lesson is kept; hiding is local and tells the peer nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

class LessonModeration {
 public:
  // Hides (`hidden`) or shows the lesson, audited when its state changes; asking for the state
  // it is in changes nothing. 404 for a lesson the feed does not hold (listed_lesson.hpp).
  // Returns the lesson as read_received_lesson shows it.
  nlohmann::json set_hidden(common::db::Transaction& tx, const Principal& caller,
                            const std::string& lesson_id, bool hidden) const;
};

}  // namespace hindsight::server
