#include "server/api/feed_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "federation/discovery/origin.hpp"
#include "server/action_items/action_item_input.hpp"
#include "server/feed/feed_peers.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"
#include "server/postmortems/postmortem_input.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// The feed's query string, checked: 400 naming the parameter.
FeedQuery parse_feed_query(const Request& request) {
  auto one_of = [&](const char* name, const std::vector<std::string>& allowed) {
    auto v = query_text(request, name, 64);
    if (v && std::find(allowed.begin(), allowed.end(), *v) == allowed.end())
      throw ApiError::validation(name, fmt::format("{} '{}' is not a known value", name, *v));
    return v;
  };
  FeedQuery q;
  q.text = query_text(request, "q", 500);
  q.tag = query_text(request, "tag", 64);
  if (auto peer = query_text(request, "peer", 300)) {
    q.peer = federation::normalize_origin(*peer);
    if (!q.peer)
      throw ApiError::validation("peer", "peer must be an instance's origin, https://host[:port]");
  }
  q.severity = one_of("severity", {"SEV1", "SEV2", "SEV3", "SEV4"});
  q.factor = one_of("factor", factor_categories());
  q.since = query_instant(request, "since");
  q.until = query_instant(request, "until");
  if (auto hidden = one_of("hidden", {"true", "false"})) q.hidden = *hidden == "true";
  q.cursor = query_text(request, "cursor", 1000);
  q.limit = query_limit(request, 20, 100);
  return q;
}

}  // namespace

void add_feed_routes(Router& router, const FeedSearch& search, const ReceivedLessonReader& reader,
                     const LessonNotes& notes, const LessonActionItems& action_items,
                     const LessonModeration& moderation, db::ConnectionPool& pool) {
  router.add("GET", "/api/v1/feed", Access::member, [&search](Request& req) {
    return Response::json(200, search.search(parse_feed_query(req), req.caller()));
  });

  router.add("GET", "/api/v1/feed/peers", Access::member, [&pool](Request&) {
    return Response::json(200, db::with_read_transaction(pool, feed_peers));
  });

  router.add("GET", "/api/v1/feed/{id}", Access::member, [&reader](Request& req) {
    return Response::json(200, reader.get(req.path_params.at("id"), req.caller()));
  });

  router.add("POST", "/api/v1/feed/{id}/notes", Access::member, [&notes, &pool](Request& req) {
    std::string text = required_string(parse_json_object(req), "text", 10000);
    return Response::json(201, db::with_transaction(pool, [&](db::Transaction& tx) {
                            return notes.add(tx, req.caller(), req.path_params.at("id"), text);
                          }));
  });

  router.add("POST", "/api/v1/feed/{id}/action-items", Access::member,
             [&action_items, &pool](Request& req) {
               json item = parse_new_action_item(parse_json_object(req));
               return Response::json(201, db::with_transaction(pool, [&](db::Transaction& tx) {
                                       return action_items.add(tx, req.caller(),
                                                               req.path_params.at("id"), item);
                                     }));
             });

  for (auto [path, hidden] :
       {std::pair{"/api/v1/feed/{id}/hide", true}, std::pair{"/api/v1/feed/{id}/unhide", false}}) {
    router.add("POST", path, Access::reviewer, [&moderation, &pool, hidden](Request& req) {
      return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                              return moderation.set_hidden(tx, req.caller(),
                                                           req.path_params.at("id"), hidden);
                            }));
    });
  }
}

}  // namespace hindsight::server
