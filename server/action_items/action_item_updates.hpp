// Changing one action item, whichever it belongs to: a postmortem's item changes through its
// postmortem (a new version), a received lesson's item in place. Both are audited.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"
#include "server/feed/lesson_action_items.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {

class ActionItemUpdates {
 public:
  ActionItemUpdates(const PostmortemService& postmortems, const LessonActionItems& lesson_items)
      : postmortems_(postmortems), lesson_items_(lesson_items) {}

  // `patch` from parse_action_item_patch; 404 for an unknown id. The item after the change,
  // with `postmortem_id` and `postmortem_version`, or `received_lesson_id`.
  nlohmann::json update(common::db::Transaction& tx, const Principal& caller,
                        const std::string& item_id, const nlohmann::json& patch) const;

 private:
  const PostmortemService& postmortems_;
  const LessonActionItems& lesson_items_;
};

}  // namespace hindsight::server
