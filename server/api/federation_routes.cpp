#include "server/api/federation_routes.hpp"

#include "common/error/api_error.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/inbox/inbox.hpp"
#include "federation/inbox/inbox_groups.hpp"
#include "federation/pull/lesson_changes.hpp"
#include "federation/subscriptions/incoming_subscriptions.hpp"
#include "server/api/subscription_input.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

federation::SubscriptionRequest read_subscription_request(const Request& request) {
  json body = parse_json_object(request);
  federation::SubscriptionRequest out;
  out.subscriber = required_string(body, "subscriber", 300);
  out.name = optional_string(body, "name", 200).value_or("");
  out.message = optional_string(body, "message", 2000).value_or("");
  out.topics = read_topics(body);
  return out;
}

Response accepted() {
  return Response::json(202, {{"status", "accepted"}});
}

json answer(const federation::SubscriptionAnswer& a) {
  return {{"id", a.id}, {"state", a.state}};
}

}  // namespace

void add_federation_routes(Router& router, federation::SigningKeyCache& keys,
                           federation::InboxGroups& inbox_groups, federation::Puller& puller) {
  // A well-formed lesson event is stored with the others that arrive with it; anything else
  // (subscription events, events to refuse) in a transaction of its own.
  router.add_peer(
      "POST", federation::kInboxPath,
      [&puller](Request& req, db::Transaction& tx) {
        auto outcome = federation::receive_inbox_event(tx, *req.peer, req.body);
        if (outcome.pull_due)
          tx.after_commit([&puller, origin = req.peer->origin] { puller.request(origin); });
        return accepted();
      },
      [&inbox_groups, &puller](Request& req) -> boost::asio::awaitable<std::optional<Response>> {
        auto lesson = federation::well_formed_lesson_event(*req.peer, req.body);
        if (!lesson) co_return std::nullopt;
        auto outcome = co_await inbox_groups.receive(*req.peer, std::move(*lesson));
        if (outcome.pull_due) puller.request(req.peer->origin);
        co_return accepted();
      });

  router.add_peer("GET", federation::kLessonsPath, [&keys](Request& req, db::Transaction& tx) {
    // Any limit the OpenAPI document allows (up to its maximum, 99999999) is accepted; past
    // kMaxPullLimit a page holds kMaxPullLimit changes.
    constexpr int kDocumentedMaximum = 99'999'999;
    int limit = std::min(query_limit(req, federation::kDefaultPullLimit, kDocumentedMaximum),
                         federation::kMaxPullLimit);
    auto after = query_text(req, "after", 200).value_or("");
    return Response::json(
        200, federation::read_lesson_changes(tx, req.peer->origin, after, limit, keys.current(tx)));
  });

  router.add_peer("POST", federation::kSubscriptionsPath, [](Request& req, db::Transaction& tx) {
    auto request = read_subscription_request(req);
    return Response::json(
        202, answer(federation::receive_subscription_request(tx, req.peer->origin, request)));
  });

  router.add_peer("DELETE", std::string(federation::kSubscriptionsPath) + "/{id}",
                  [](Request& req, db::Transaction& tx) {
                    return Response::json(200, answer(federation::cancel_incoming_subscription(
                                                   tx, req.peer->origin, req.path_params["id"])));
                  });
}

}  // namespace hindsight::server
