#include "server/api/public_routes.hpp"

#include "common/db/transaction.hpp"
#include "server/http/accept.hpp"
#include "server/http/error_response.hpp"
#include "server/http/if_match.hpp"
#include "server/public/lesson_feed.hpp"
#include "server/public/lesson_page.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

// What every public answer carries: always revalidated, so a retraction or a new version shows
// at once, and the licence as an RFC 4946 link.
Response public_answer(Response response, const PublicSite& site) {
  response.with_header("Cache-Control", "no-cache")
      .with_header("Link", "<" + site.license_url + ">; rel=\"license\"");
  return response;
}

}  // namespace

void add_public_lesson_routes(Router& router, const PublicLessonService& lessons,
                              const federation::InstanceIdentity& identity,
                              const PublicLicense& license, db::ConnectionPool& pool) {
  // The origin is read per answer: a server on port 0 learns it once it listens.
  auto site = [&identity, &license] {
    return PublicSite{identity.origin, identity.peer_name, license.name, license.url};
  };

  for (bool make_public : {true, false}) {
    router.add(make_public ? "POST" : "DELETE", "/api/v1/lessons/{id}/public", Access::admin,
               [&lessons, &pool, make_public](Request& req) {
                 json lesson = db::with_transaction(pool, [&](db::Transaction& tx) {
                   return lessons.set_public(tx, req.caller(), req.path_params.at("id"),
                                             make_public);
                 });
                 // Like every answer about one lesson: its revision is the ETag.
                 return Response::json(200, lesson)
                     .with_header("ETag", version_etag(lesson["revision"].get<int>()));
               });
  }

  // An unknown id, a malformed one and a lesson that is not public get the same answer.
  router.add("GET", kPublicLessonPath, Access::anyone, [&lessons, site](Request& req) {
    PublicSite where = site();
    const std::string& id = req.path_params.at("id");
    bool wants_json = preferred_media_type(req.header("accept"),
                                           {"text/html", "application/json"}) == "application/json";
    if (wants_json) {
      auto lesson = lessons.find_signed(id);
      Response r =
          lesson ? Response::json(lesson->document.retracted ? 410 : 200, *lesson->signed_document)
                 : error_response(404, "not_found", "no such public lesson");
      return public_answer(std::move(r), where).with_header("Vary", "Accept");
    }
    auto lesson = lessons.find(id);
    Response r = lesson ? Response::text(lesson->document.retracted ? 410 : 200, kHtml,
                                         lesson_page(*lesson, where))
                        : Response::text(404, kHtml, lesson_not_found_page(where));
    return public_answer(std::move(r), where)
        .with_header("Vary", "Accept")
        .with_header("Content-Security-Policy", public_page_policy());
  });

  router.add("GET", kPublicFeedPath, Access::anyone, [&lessons, site](Request&) {
    PublicSite where = site();
    return public_answer(Response::text(200, kAtomContentType, lesson_feed(lessons.feed(), where)),
                         where);
  });
}

}  // namespace hindsight::server
