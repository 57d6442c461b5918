// The open and in-progress action items of this instance, whatever they follow from (a
// postmortem, or a received lesson: "could this happen here?"), overdue first.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/connection_pool.hpp"

namespace hindsight::server {

struct OpenActionItemsQuery {
  std::optional<std::string> owner;            // a username
  std::optional<std::string> received_lesson;  // a received lesson's id (a uuid)
  std::optional<std::string> cursor;
  int limit = 50;
};

class OpenActionItems {
 public:
  explicit OpenActionItems(common::db::ConnectionPool& pool) : pool_(pool) {}

  // {"items": [{"id", "text", "owner", "due", "status", "external_link", "postmortem",
  // "received_lesson", "overdue"}], "next_cursor"}, sorted by due date (none last); an item names
  // what it follows from in `postmortem` or `received_lesson` ({"id", "title"}), the other null.
  nlohmann::json list(const OpenActionItemsQuery& query) const;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace hindsight::server
