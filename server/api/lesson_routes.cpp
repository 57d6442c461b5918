#include "server/api/lesson_routes.hpp"

#include <utility>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/http/if_match.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"
#include "server/lessons/rule_input.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// Every answer about one lesson carries its revision as the ETag approval may send back.
Response lesson_response(int status, const json& lesson) {
  return Response::json(status, lesson)
      .with_header("ETag", version_etag(lesson["revision"].get<int>()));
}

LessonListQuery parse_list_query(const Request& req) {
  LessonListQuery q;
  q.status = query_text(req, "status", 20);
  if (q.status && *q.status != "draft" && *q.status != "approved" && *q.status != "retracted")
    throw ApiError::validation("status", "status must be one of draft, approved, retracted");
  q.cursor = query_text(req, "cursor", 1000);
  q.limit = query_limit(req, 20, 100);
  return q;
}

}  // namespace

void add_lesson_routes(Router& router, const LessonService& lessons, const LessonReader& reader,
                       db::ConnectionPool& pool) {
  router.add("POST", "/api/v1/postmortems/{id}/lesson", Access::reviewer,
             [&lessons, &pool](Request& req) {
               json lesson = db::with_transaction(pool, [&](db::Transaction& tx) {
                 return lessons.draft(tx, req.caller(), req.path_params.at("id"));
               });
               return lesson_response(201, lesson)
                   .with_header("Location", "/api/v1/lessons/" + lesson["id"].get<std::string>());
             });

  router.add("GET", "/api/v1/lessons", Access::reviewer, [&reader](Request& req) {
    return Response::json(200, reader.list(parse_list_query(req)));
  });

  router.add("GET", "/api/v1/lessons/{id}", Access::reviewer, [&reader](Request& req) {
    return lesson_response(200, reader.get(req.path_params.at("id")));
  });

  // Both kinds of rule redraft the lesson; only how the body reads differs.
  using ParseRule = RuleRequest (*)(const json&);
  for (auto [kind, parse] :
       {std::pair<const char*, ParseRule>{"redactions", parse_redaction_request},
        std::pair<const char*, ParseRule>{"keeps", parse_keep_request}}) {
    router.add("POST", std::string("/api/v1/lessons/{id}/") + kind, Access::reviewer,
               [&lessons, &pool, parse](Request& req) {
                 RuleRequest rule = parse(parse_json_object(req));
                 return lesson_response(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                          return lessons.add_rule(tx, req.caller(),
                                                                  req.path_params.at("id"), rule);
                                        }));
               });
  }

  router.add("DELETE", "/api/v1/lessons/{id}/rules/{rule_id}", Access::reviewer,
             [&lessons, &pool](Request& req) {
               return lesson_response(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                        return lessons.delete_rule(tx, req.caller(),
                                                                   req.path_params.at("id"),
                                                                   req.path_params.at("rule_id"));
                                      }));
             });

  router.add("POST", "/api/v1/lessons/{id}/approve", Access::reviewer,
             [&lessons, &pool](Request& req) {
               // If-Match is optional here: it guards against approving a draft that changed
               // meanwhile.
               std::optional<int> revision;
               if (req.header("if-match")) revision = if_match_version(req);
               return lesson_response(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                        return lessons.approve(tx, req.caller(),
                                                               req.path_params.at("id"), revision);
                                      }));
             });

  router.add(
      "POST", "/api/v1/lessons/{id}/retract", Access::reviewer, [&lessons, &pool](Request& req) {
        return lesson_response(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                                 return lessons.retract(tx, req.caller(), req.path_params.at("id"));
                               }));
      });
}

}  // namespace hindsight::server
