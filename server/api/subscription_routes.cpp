#include "server/api/subscription_routes.hpp"

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "federation/subscriptions/incoming_subscriptions.hpp"
#include "federation/subscriptions/outgoing_subscriptions.hpp"
#include "federation/subscriptions/subscription_view.hpp"
#include "server/api/subscription_input.hpp"
#include "server/audit/audit_log.hpp"
#include "server/http/json_body.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

json list_of(db::ConnectionPool& pool, const char* direction) {
  return db::with_read_transaction(pool, [&](db::Transaction& tx) {
    json items = json::array();
    for (const auto& s : federation::list_subscriptions(tx, direction))
      items.push_back(federation::to_json(s));
    return json{{"items", items}, {"next_cursor", nullptr}};
  });
}

json one_of(db::Transaction& tx, const char* direction, const std::string& id) {
  auto found = federation::find_subscription(tx, direction, id);
  if (!found) throw ApiError::not_found("no such subscription");
  return federation::to_json(*found);
}

void add_decision(Router& router, db::ConnectionPool& pool, const char* verb,
                  federation::SubscriberDecision decision) {
  router.add("POST", std::string("/api/v1/subscribers/{id}/") + verb, Access::admin,
             [&pool, decision](Request& req) {
               const std::string& id = req.path_params.at("id");
               return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                       federation::decide_incoming_subscription(
                                           tx, audit_actor(req.caller()), id, decision);
                                       return one_of(tx, "incoming", id);
                                     }));
             });
}

}  // namespace

void add_subscription_routes(Router& router, federation::SubscriptionRequester& requester,
                             db::ConnectionPool& pool) {
  router.add_async(
      "POST", "/api/v1/subscriptions", Access::admin,
      [&requester](Request& req) -> boost::asio::awaitable<Response> {
        json body = parse_json_object(req);
        federation::SubscribeRequest request{read_origin(body, "peer_url"), read_topics(body),
                                             optional_string(body, "message", 2000).value_or("")};
        json answer{{"peer_url", request.origin}, {"topics", request.topics}};
        auto made = co_await requester.subscribe(audit_actor(req.caller()), std::move(request));
        answer["id"] = made.id;
        answer["state"] = made.state;
        answer["peer_name"] = made.peer_name;
        co_return Response::json(201, answer);
      });

  router.add("GET", "/api/v1/subscriptions", Access::admin,
             [&pool](Request&) { return Response::json(200, list_of(pool, "outgoing")); });

  router.add("GET", "/api/v1/subscriptions/{id}", Access::admin, [&pool](Request& req) {
    return Response::json(200, db::with_read_transaction(pool, [&](db::Transaction& tx) {
                            return one_of(tx, "outgoing", req.path_params.at("id"));
                          }));
  });

  router.add("DELETE", "/api/v1/subscriptions/{id}", Access::admin, [&pool](Request& req) {
    const std::string& id = req.path_params.at("id");
    return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                            federation::cancel_outgoing_subscription(tx, audit_actor(req.caller()),
                                                                     id);
                            return one_of(tx, "outgoing", id);
                          }));
  });

  router.add("GET", "/api/v1/subscribers", Access::admin,
             [&pool](Request&) { return Response::json(200, list_of(pool, "incoming")); });

  add_decision(router, pool, "accept", federation::SubscriberDecision::accept);
  add_decision(router, pool, "reject", federation::SubscriberDecision::reject);
  add_decision(router, pool, "revoke", federation::SubscriberDecision::revoke);
}

}  // namespace hindsight::server
