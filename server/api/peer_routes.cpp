#include "server/api/peer_routes.hpp"

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "federation/outbox/delivery_status.hpp"
#include "federation/outbox/lesson_holders.hpp"
#include "federation/peers/peer_moderation.hpp"
#include "server/api/subscription_input.hpp"
#include "server/audit/audit_log.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

json policy_json(db::Transaction& tx) {
  auto policy = federation::auto_accept_policy(tx);
  return {{"auto_accept_all", policy.all}, {"auto_accept_peers", policy.origins}};
}

bool required_bool(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_boolean())
    throw ApiError::validation(name, std::string(name) + " must be true or false");
  return it->get<bool>();
}

}  // namespace

void add_peer_routes(Router& router, federation::SubscriptionRequester& requester,
                     db::ConnectionPool& pool, PeerRouteHooks hooks) {
  router.add("GET", "/api/v1/peers", Access::admin, [&pool](Request&) {
    return Response::json(200, db::with_read_transaction(pool, [](db::Transaction& tx) {
                            json items = json::array();
                            for (const auto& s : federation::delivery_status(tx))
                              items.push_back(federation::to_json(s));
                            return json{{"items", items}, {"next_cursor", nullptr}};
                          }));
  });

  router.add_async("GET", "/api/v1/peers/preview", Access::admin,
                   [&requester](Request& req) -> boost::asio::awaitable<Response> {
                     auto url = query_text(req, "url", 300);
                     if (!url) throw ApiError::validation("url", "url is required");
                     auto peer = co_await requester.preview(origin_or_400(*url, "url"));
                     co_return Response::json(200, {{"peer_url", peer.origin},
                                                    {"name", peer.name},
                                                    {"keys", static_cast<int>(peer.keys.size())}});
                   });

  router.add("POST", "/api/v1/peers/block", Access::admin, [&pool, hooks](Request& req) {
    std::string origin = read_origin(parse_json_object(req), "peer_url");
    auto outcome = db::with_transaction(pool, [&](db::Transaction& tx) {
      return federation::block_peer(tx, audit_actor(req.caller()), origin);
    });
    if (hooks.on_blocked) hooks.on_blocked(origin);
    return Response::json(200, {{"peer_url", origin},
                                {"blocked", true},
                                {"changed", outcome.changed},
                                {"deliveries_dropped", outcome.deliveries_dropped}});
  });

  router.add("POST", "/api/v1/peers/unblock", Access::admin, [&pool](Request& req) {
    std::string origin = read_origin(parse_json_object(req), "peer_url");
    bool changed = db::with_transaction(pool, [&](db::Transaction& tx) {
      return federation::unblock_peer(tx, audit_actor(req.caller()), origin);
    });
    return Response::json(200, {{"peer_url", origin}, {"blocked", false}, {"changed", changed}});
  });

  router.add("POST", "/api/v1/peers/retry", Access::admin, [&pool, hooks](Request& req) {
    std::string origin = read_origin(parse_json_object(req), "peer_url");
    long long rescheduled = db::with_transaction(pool, [&](db::Transaction& tx) {
      return federation::retry_deliveries(tx, audit_actor(req.caller()), origin);
    });
    if (hooks.on_retry) hooks.on_retry();
    return Response::json(200, {{"peer_url", origin}, {"rescheduled", rescheduled}});
  });

  router.add("POST", "/api/v1/peers/auto-accept", Access::admin, [&pool](Request& req) {
    json body = parse_json_object(req);
    std::string origin = read_origin(body, "peer_url");
    bool accept = required_bool(body, "auto_accept");
    return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                            federation::set_peer_auto_accept(tx, audit_actor(req.caller()), origin,
                                                             accept);
                            return policy_json(tx);
                          }));
  });

  router.add("GET", "/api/v1/lessons/{id}/holders", Access::reviewer, [&pool](Request& req) {
    auto holders = db::with_read_transaction(pool, [&](db::Transaction& tx) {
      return federation::lesson_holders(tx, req.path_params.at("id"));
    });
    if (!holders) throw ApiError::not_found("no such lesson");
    return Response::json(200, {{"items", *holders}, {"next_cursor", nullptr}});
  });

  router.add("GET", "/api/v1/federation/policy", Access::admin, [&pool](Request&) {
    return Response::json(200, db::with_read_transaction(pool, policy_json));
  });

  router.add("PUT", "/api/v1/federation/policy", Access::admin, [&pool](Request& req) {
    bool all = required_bool(parse_json_object(req), "auto_accept_all");
    return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                            federation::set_auto_accept_all(tx, audit_actor(req.caller()), all);
                            return policy_json(tx);
                          }));
  });
}

}  // namespace hindsight::server
