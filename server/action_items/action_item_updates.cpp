#include "server/action_items/action_item_updates.hpp"

#include "common/error/api_error.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kBelongsToPostmortem{
    "action_item_belongs_to_postmortem",
    "SELECT postmortem_id IS NOT NULL FROM action_items WHERE id = $1::uuid"};

}  // namespace

json ActionItemUpdates::update(db::Transaction& tx, const Principal& caller,
                               const std::string& item_id, const json& patch) const {
  auto rows =
      common::looks_like_uuid(item_id) ? tx.exec(kBelongsToPostmortem, item_id) : pqxx::result();
  if (rows.empty()) throw common::ApiError::not_found("no such action item");
  if (rows[0][0].as<bool>()) return postmortems_.update_action_item(tx, caller, item_id, patch);
  return lesson_items_.update(tx, caller, item_id, patch);
}

}  // namespace hindsight::server
