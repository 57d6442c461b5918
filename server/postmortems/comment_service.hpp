// Comments on a postmortem, threaded one level deep (replies to top-level comments only).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

class CommentService {
 public:
  explicit CommentService(common::db::ConnectionPool& pool) : pool_(pool) {}

  // {"items": [{"id","author","body","created_at","replies": [...]}], "next_cursor": null}
  nlohmann::json list(const std::string& postmortem_id) const;
  // In the caller's transaction, with its audit entry.
  nlohmann::json add(common::db::Transaction& tx, const Principal& caller,
                     const std::string& postmortem_id, const std::string& body,
                     const std::optional<std::string>& parent_id) const;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace hindsight::server
