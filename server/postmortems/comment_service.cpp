#include "server/postmortems/comment_service.hpp"

#include <map>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/audit/audit_log.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kPostmortemExists{"comments_postmortem_exists",
                                          "SELECT 1 FROM postmortems WHERE id = $1::uuid"};
constexpr db::Statement kList{"comments_list", R"(
SELECT c.id::text, c.parent_id::text, u.username, c.body, rfc3339(c.created_at)
FROM comments c JOIN users u ON u.id = c.author_id
WHERE c.postmortem_id = $1::uuid ORDER BY c.created_at, c.id)"};
constexpr db::Statement kParent{"comments_parent", R"(
SELECT parent_id IS NULL FROM comments WHERE id = $1::uuid AND postmortem_id = $2::uuid)"};
constexpr db::Statement kInsert{"comments_insert", R"(
INSERT INTO comments (postmortem_id, parent_id, author_id, body)
VALUES ($1::uuid, $2::uuid, $3::uuid, $4)
RETURNING id::text, rfc3339(created_at))"};

void require_postmortem(db::Transaction& tx, const std::string& id) {
  if (!looks_like_uuid(id) || tx.exec(kPostmortemExists, id).empty())
    throw ApiError::not_found("no such postmortem");
}

}  // namespace

json CommentService::list(const std::string& postmortem_id) const {
  auto rows = db::with_read_transaction(pool_, [&](db::Transaction& tx) {
    require_postmortem(tx, postmortem_id);
    return tx.exec(kList, postmortem_id);
  });
  json items = json::array();
  std::map<std::string, std::size_t> top_level;  // id -> index in items
  for (const auto& row : rows) {
    json comment = {{"id", row[0].as<std::string>()},
                    {"author", row[2].as<std::string>()},
                    {"body", row[3].as<std::string>()},
                    {"created_at", row[4].as<std::string>()}};
    if (row[1].is_null()) {
      comment["replies"] = json::array();
      top_level[comment["id"]] = items.size();
      items.push_back(std::move(comment));
    } else if (auto it = top_level.find(row[1].as<std::string>()); it != top_level.end()) {
      items[it->second]["replies"].push_back(std::move(comment));
    }
  }
  return {{"items", items}, {"next_cursor", nullptr}};
}

json CommentService::add(db::Transaction& tx, const Principal& caller,
                         const std::string& postmortem_id, const std::string& body,
                         const std::optional<std::string>& parent_id) const {
  require_postmortem(tx, postmortem_id);
  if (parent_id) {
    auto parent =
        looks_like_uuid(*parent_id) ? tx.exec(kParent, *parent_id, postmortem_id) : pqxx::result();
    if (parent.empty())
      throw ApiError::validation("parent_id", "parent_id is not a comment on this postmortem");
    if (!parent[0][0].as<bool>())
      throw ApiError::validation("parent_id",
                                 "replies go to top-level comments (one level of threads)");
  }
  auto row = tx.exec(kInsert, postmortem_id, parent_id, caller.user_id, body);
  json comment = {{"id", row[0][0].as<std::string>()},
                  {"author", caller.username},
                  {"body", body},
                  {"created_at", row[0][1].as<std::string>()}};
  if (parent_id) comment["parent_id"] = *parent_id;
  record_audit(
      tx, &caller,
      {"comment.create", "postmortem", postmortem_id, nullptr, {{"comment", comment["id"]}}});
  return comment;
}

}  // namespace hindsight::server
