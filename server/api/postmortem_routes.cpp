#include "server/api/postmortem_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "server/http/if_match.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"
#include "server/postmortems/postmortem_export.hpp"
#include "server/postmortems/postmortem_input.hpp"
#include "server/postmortems/postmortem_stats.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

std::string etag(const json& document) {
  return version_etag(document["version"].get<int>());
}

Response with_etag(int status, const json& document) {
  return Response::json(status, document).with_header("ETag", etag(document));
}

int version_param(const Request& req) {
  const std::string& text = req.path_params.at("n");
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1)
    throw ApiError::not_found("no such version");
  return n;
}

// The search's query string, checked: 400 naming the parameter.
SearchQuery parse_search_query(const Request& request) {
  auto one_of = [&](const char* name, const std::vector<std::string>& allowed) {
    auto v = query_text(request, name, 64);
    if (v && std::find(allowed.begin(), allowed.end(), *v) == allowed.end())
      throw ApiError::validation(name, fmt::format("{} '{}' is not a known value", name, *v));
    return v;
  };
  SearchQuery q;
  q.text = query_text(request, "q", 500);
  q.status = one_of("status", {"draft", "in_review", "published"});
  q.severity = one_of("severity", {"SEV1", "SEV2", "SEV3", "SEV4"});
  q.tag = query_text(request, "tag", 64);
  q.service = query_text(request, "service", 64);
  q.category = one_of("category", factor_categories());
  q.author = query_text(request, "author", 63);
  q.from = query_instant(request, "from");
  q.to = query_instant(request, "to");
  q.cursor = query_text(request, "cursor", 1000);
  q.limit = query_limit(request, 20, 100);
  return q;
}

// A document in memory answers on the I/O thread; only a miss waits for the database.
boost::asio::awaitable<Response> read_postmortem(const DocumentCache& documents,
                                                 common::runtime::BlockingPool& blocking,
                                                 Request& req) {
  const std::string& id = req.path_params.at("id");
  auto stored = documents.cached(id);
  if (!stored) stored = co_await blocking.run([&] { return documents.get(id); });
  co_return Response::text(200, "application/json", std::move(stored->document))
      .with_header("ETag", version_etag(stored->version));
}

}  // namespace

void add_postmortem_routes(Router& router, const PostmortemService& postmortems,
                           const DocumentCache& documents, const PostmortemSearch& search,
                           common::db::ConnectionPool& pool,
                           common::runtime::BlockingPool& blocking) {
  router.add("GET", "/api/v1/stats", Access::member, [&pool](Request& req) {
    return Response::json(
        200, postmortem_stats(pool, query_instant(req, "from"), query_instant(req, "to")));
  });

  router.add("GET", "/api/v1/postmortems", Access::member, [&search](Request& req) {
    return Response::json(200, search.search(parse_search_query(req)));
  });

  router.add("POST", "/api/v1/postmortems", Access::member, [&postmortems, &pool](Request& req) {
    json fields = parse_postmortem_input(parse_json_object(req));
    json document = db::with_transaction(
        pool, [&](db::Transaction& tx) { return postmortems.create(tx, req.caller(), fields); });
    return with_etag(201, document)
        .with_header("Location", "/api/v1/postmortems/" + document["id"].get<std::string>());
  });

  router.add_async(
      "GET", "/api/v1/postmortems/{id}", Access::member,
      [&documents, &blocking](Request& req) { return read_postmortem(documents, blocking, req); });

  router.add("PUT", "/api/v1/postmortems/{id}", Access::member,
             [&postmortems, &pool](Request& req) {
               int version = if_match_version(req);
               json fields = parse_postmortem_input(parse_json_object(req));
               return with_etag(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                  return postmortems.update(
                                      tx, req.caller(), req.path_params.at("id"), version, fields);
                                }));
             });

  router.add("POST", "/api/v1/postmortems/{id}/status", Access::member,
             [&postmortems, &pool](Request& req) {
               json body = parse_json_object(req);
               std::string status = required_string(body, "status", 20);
               if (status != "draft" && status != "in_review" && status != "published")
                 throw ApiError::validation("status",
                                            "status must be one of draft, in_review, published");
               std::string reason = optional_string(body, "reason", 2000).value_or("");
               // Only in_review goes back to draft, and only with a reason; checked here too, so
               // the rule does not depend on the postmortem's state (the API document states it
               // so).
               if (status == "draft" && reason.find_first_not_of(" \t\r\n") == std::string::npos)
                 throw ApiError::validation(
                     "reason", "reason is required to send a postmortem back to draft");
               return with_etag(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                  return postmortems.change_status(
                                      tx, req.caller(), req.path_params.at("id"), status, reason);
                                }));
             });

  router.add(
      "GET", "/api/v1/postmortems/{id}/export", Access::member, [&postmortems](Request& req) {
        json document = postmortems.get(req.path_params.at("id"));
        std::string format = query_text(req, "format", 20).value_or("json");
        std::string name = "postmortem-" + document["id"].get<std::string>();
        if (format == "json")
          return Response::json(200, export_json(document))
              .with_header("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
        if (format == "markdown")
          return Response::text(200, "text/markdown; charset=utf-8", export_markdown(document))
              .with_header("Content-Disposition", "attachment; filename=\"" + name + ".md\"");
        throw ApiError::validation("format", "format must be json or markdown");
      });

  router.add(
      "POST", "/api/v1/postmortems/import", Access::member, [&postmortems, &pool](Request& req) {
        json fields = parse_postmortem_input(import_fields(parse_json_object(req)));
        json document = db::with_transaction(pool, [&](db::Transaction& tx) {
          return postmortems.create(tx, req.caller(), fields);
        });
        return with_etag(201, document)
            .with_header("Location", "/api/v1/postmortems/" + document["id"].get<std::string>());
      });

  router.add("GET", "/api/v1/postmortems/{id}/versions", Access::member,
             [&postmortems](Request& req) {
               return Response::json(200, postmortems.versions(req.path_params.at("id")));
             });

  router.add("GET", "/api/v1/postmortems/{id}/versions/{n}", Access::member,
             [&postmortems](Request& req) {
               return Response::json(
                   200, postmortems.version(req.path_params.at("id"), version_param(req)));
             });
}

}  // namespace hindsight::server
