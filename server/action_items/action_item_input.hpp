// Reading an action item from a request body, for a change (PATCH) or a new item on a received
// lesson: the same rules for status, owner, due date and link either way. 400 names the field.
#pragma once

#include <nlohmann/json.hpp>

namespace hindsight::server {

// The members a PATCH may carry, checked: {"status"?, "owner"?, "due"?, "external_link"?};
// null clears owner, due and link. At least one; any other member is refused.
nlohmann::json parse_action_item_patch(const nlohmann::json& body);
// A new item: {"text"} required, then any member a PATCH may carry; status defaults to open.
nlohmann::json parse_new_action_item(const nlohmann::json& body);

}  // namespace hindsight::server
