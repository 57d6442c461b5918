// "Could this happen here?": local action items that follow from a received lesson. They are
// rows of action_items like a postmortem's, linked to the received lesson instead, and never
// leave this instance.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

class LessonActionItems {
 public:
  // `item` from parse_new_action_item. In the caller's transaction, with its audit entry; 404
  // unless the caller may reach the lesson, 400 naming `owner` for a user that does not exist.
  nlohmann::json add(common::db::Transaction& tx, const Principal& caller,
                     const std::string& lesson_id, const nlohmann::json& item) const;
  // Changes an item of a received lesson (`patch` from parse_action_item_patch), audited; 404
  // for any other id. The lesson need not be in the feed any more: the work is this instance's.
  nlohmann::json update(common::db::Transaction& tx, const Principal& caller,
                        const std::string& item_id, const nlohmann::json& patch) const;
  // Every item of the lesson, in the order they were added: [{"id", "text", "owner", "due",
  // "status", "external_link", "created_by", "created_at", "updated_at"}].
  static nlohmann::json list(common::db::Transaction& tx, const std::string& lesson_id);
};

}  // namespace hindsight::server
