#include "server/api/federation_routes.hpp"

#include "common/error/api_error.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/subscriptions/incoming_subscriptions.hpp"
#include "server/http/json_body.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxTopics = 100;
constexpr std::size_t kMaxTopicChars = 100;

federation::SubscriptionRequest read_subscription_request(const Request& request) {
  json body = parse_json_object(request);
  federation::SubscriptionRequest out;
  out.subscriber = required_string(body, "subscriber", 300);
  out.name = optional_string(body, "name", 200).value_or("");
  out.message = optional_string(body, "message", 2000).value_or("");
  auto topics = body.find("topics");
  if (topics != body.end() && !topics->is_null()) {
    if (!topics->is_array())
      throw common::ApiError::validation("topics", "topics must be an array of strings");
    if (topics->size() > kMaxTopics)
      throw common::ApiError::validation("topics",
                                         "at most " + std::to_string(kMaxTopics) + " topics");
    for (std::size_t i = 0; i < topics->size(); ++i) {
      std::string field = "topics[" + std::to_string(i) + "]";
      const json& topic = (*topics)[i];
      if (!topic.is_string() || topic.get_ref<const std::string&>().empty())
        throw common::ApiError::validation(field, field + " must be a non-empty string");
      common::check_text(topic.get_ref<const std::string&>(), field, kMaxTopicChars);
      out.topics.push_back(topic.get<std::string>());
    }
  }
  return out;
}

json answer(const federation::SubscriptionAnswer& a) {
  return {{"id", a.id}, {"state", a.state}};
}

}  // namespace

void add_federation_routes(Router& router) {
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
