#include "server/api/collaboration_routes.hpp"

#include <charconv>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// The fields an action item PATCH may carry, validated; null clears owner, due and link.
json parse_action_item_patch(const json& body) {
  if (body.empty())
    throw ApiError::validation("", "nothing to change: send status, owner, due or external_link");
  json patch = json::object();
  for (auto& [key, value] : body.items()) {
    if (key == "status") {
      auto status = required_string(body, "status", 20);
      if (status != "open" && status != "in_progress" && status != "done" && status != "wont_do")
        throw ApiError::validation("status",
                                   "status must be one of open, in_progress, done, wont_do");
      patch["status"] = status;
    } else if (key == "owner") {
      patch["owner"] = value.is_null() ? json(nullptr) : json(required_string(body, "owner", 63));
    } else if (key == "due") {
      if (!value.is_null() && !(value.is_string() && common::parse_date(value.get<std::string>())))
        throw ApiError::validation("due", "due must be a date such as 2026-06-30, or null");
      patch["due"] = value;
    } else if (key == "external_link") {
      if (!value.is_null()) {
        auto link = required_string(body, "external_link", 2000);
        if (!link.starts_with("https://") && !link.starts_with("http://"))
          throw ApiError::validation("external_link", "external_link must be an http(s) URL");
      }
      patch["external_link"] = value;
    } else {
      throw ApiError::validation(key, "unknown field " + key);
    }
  }
  return patch;
}

}  // namespace

void add_collaboration_routes(Router& router, const PostmortemService& postmortems,
                              const CommentService& comments, db::ConnectionPool& pool) {
  router.add("GET", "/api/v1/postmortems/{id}/comments", Access::member, [&comments](Request& req) {
    return Response::json(200, comments.list(req.path_params.at("id")));
  });

  router.add("POST", "/api/v1/postmortems/{id}/comments", Access::member,
             [&comments, &pool](Request& req) {
               json body = parse_json_object(req);
               std::string text = required_string(body, "body", 10000);
               auto parent = optional_string(body, "parent_id", 64);
               return Response::json(201, db::with_transaction(pool, [&](db::Transaction& tx) {
                                       return comments.add(tx, req.caller(),
                                                           req.path_params.at("id"), text, parent);
                                     }));
             });

  router.add("GET", "/api/v1/action-items", Access::member, [&postmortems](Request& req) {
    return Response::json(
        200, postmortems.open_action_items(query_text(req, "owner", 63), query_text(req, "cursor"),
                                           query_limit(req, 50, 200)));
  });

  router.add("PATCH", "/api/v1/action-items/{id}", Access::member,
             [&postmortems, &pool](Request& req) {
               json patch = parse_action_item_patch(parse_json_object(req));
               return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                       return postmortems.update_action_item(
                                           tx, req.caller(), req.path_params.at("id"), patch);
                                     }));
             });
}

}  // namespace hindsight::server
