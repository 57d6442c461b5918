// The one rule for reaching a single received lesson through the API: it exists, is not a
// tombstone (retracted, or withdrawn when its subscription ended), does not come from a blocked
// peer, and, unless the caller is a reviewer, is not hidden. Anything else is 404, so a member
// cannot tell a hidden lesson from none.
#pragma once

#include <string>

#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

struct ListedLesson {
  std::string id;
  bool hidden = false;
};

enum class LessonLock { none, for_update };

// Throws 404 unless the caller may reach the lesson; `for_update` locks its row until the end
// of the transaction (to change it).
ListedLesson require_listed_lesson(common::db::Transaction& tx, const std::string& id,
                                   const Principal& caller, LessonLock lock = LessonLock::none);

}  // namespace hindsight::server
