#include "federation/subscriptions/subscription_requester.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/utf8_sequence.hpp"
#include "federation/http/peer_error.hpp"
#include "federation/outbound/request_signing.hpp"
#include "federation/subscriptions/outgoing_subscriptions.hpp"

namespace hindsight::federation {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxQuoted = 300;

ApiError unreachable(const std::string& origin, const std::string& why) {
  return {502, "peer_unreachable",
          fmt::format("{} could not be reached: {}", origin, common::utf8_prefix(why, kMaxQuoted)),
          "peer_url"};
}

// The publisher's answer, when it is the protocol's: 202 {"id": "...", "state": ...}.
std::optional<std::pair<std::string, std::string>> read_answer(const HttpsResponse& response) {
  if (response.status != 202) return std::nullopt;
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("id") || !body["id"].is_string() ||
      !body.contains("state") || !body["state"].is_string())
    return std::nullopt;
  std::string id = body["id"].get<std::string>();
  std::string state = body["state"].get<std::string>();
  if (id.empty() || id.size() > 200 || (state != "pending" && state != "accepted"))
    return std::nullopt;
  return std::pair{id, state};
}

std::string refusal(const std::string& origin, const HttpsResponse& response) {
  std::string message = peer_error_message(response, kMaxQuoted);
  return fmt::format("{} refused the subscription (HTTP {}){}{}", origin, response.status,
                     message.empty() ? "" : ": ", message);
}

}  // namespace

boost::asio::awaitable<PeerDiscovery> SubscriptionRequester::preview(std::string origin) {
  try {
    co_return co_await discovery_.discover(origin);
  } catch (const boost::system::system_error& e) {
    if (e.code() == boost::asio::error::operation_aborted) throw;
    throw unreachable(origin, e.what());
  } catch (const std::exception& e) {
    throw unreachable(origin, e.what());
  }
}

boost::asio::awaitable<SubscribeResult> SubscriptionRequester::subscribe(common::audit::Actor actor,
                                                                         SubscribeRequest request) {
  if (request.origin == identity_.origin)
    throw ApiError::validation("peer_url", "an instance cannot subscribe to itself");
  PeerDiscovery peer = co_await preview(request.origin);
  auto [id, key] = co_await blocking_.run([&] {
    return db::with_transaction(pool_, [&](db::Transaction& tx) {
      return std::pair{begin_outgoing_subscription(tx, actor, request.origin, peer.name,
                                                   request.topics, request.message),
                       keys_.current(tx)};
    });
  });
  HttpsRequest post{"POST",
                    request.origin + peer.subscriptions_path,
                    {},
                    json{{"subscriber", identity_.origin},
                         {"name", identity_.peer_name},
                         {"topics", request.topics},
                         {"message", request.message}}
                        .dump()};
  sign_request(post, RequestSigner(key.key_id, key.key));
  std::optional<ApiError> failure;
  std::optional<std::pair<std::string, std::string>> answer;
  try {
    HttpsResponse response = co_await client_.async_send(std::move(post));
    answer = read_answer(response);
    if (!answer)
      failure = ApiError(502, "peer_refused", refusal(request.origin, response), "peer_url");
  } catch (const boost::system::system_error& e) {
    if (e.code() == boost::asio::error::operation_aborted) throw;
    failure = unreachable(request.origin, e.what());
  } catch (const std::exception& e) {
    failure = unreachable(request.origin, e.what());
  }
  if (failure) {
    co_await blocking_.run([&] {
      db::with_transaction(pool_,
                           [&](db::Transaction& tx) { abandon_outgoing_subscription(tx, id); });
    });
    throw *failure;
  }
  std::string state = co_await blocking_.run([&] {
    return db::with_transaction(pool_, [&](db::Transaction& tx) {
      return record_subscription_answer(tx, id, answer->first, answer->second);
    });
  });
  if (state == "accepted") puller_.request(request.origin);
  co_return SubscribeResult{id, state, peer.name};
}

}  // namespace hindsight::federation
