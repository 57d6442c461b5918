#include "server/api/collaboration_routes.hpp"

#include "common/db/transaction.hpp"
#include "server/action_items/action_item_input.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

void add_collaboration_routes(Router& router, const CommentService& comments,
                              const OpenActionItems& open_items,
                              const ActionItemUpdates& item_updates, db::ConnectionPool& pool) {
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

  router.add("GET", "/api/v1/action-items", Access::member, [&open_items](Request& req) {
    OpenActionItemsQuery q;
    q.owner = query_text(req, "owner", 63);
    q.received_lesson = query_text(req, "received_lesson", 36);
    q.cursor = query_text(req, "cursor");
    q.limit = query_limit(req, 50, 200);
    return Response::json(200, open_items.list(q));
  });

  router.add("PATCH", "/api/v1/action-items/{id}", Access::member,
             [&item_updates, &pool](Request& req) {
               json patch = parse_action_item_patch(parse_json_object(req));
               return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                       return item_updates.update(tx, req.caller(),
                                                                  req.path_params.at("id"), patch);
                                     }));
             });
}

}  // namespace hindsight::server
