// Notes members keep on a received lesson: what it means for this organization. They live only
// in this instance's database; nothing in federation reads them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

class LessonNotes {
 public:
  // In the caller's transaction, with its audit entry; 404 unless the caller may reach the
  // lesson. Returns {"id", "author", "text", "created_at"}.
  nlohmann::json add(common::db::Transaction& tx, const Principal& caller,
                     const std::string& lesson_id, const std::string& text) const;
  // The lesson's notes, oldest first.
  static nlohmann::json list(common::db::Transaction& tx, const std::string& lesson_id);
};

}  // namespace hindsight::server
