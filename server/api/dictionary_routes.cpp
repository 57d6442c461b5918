#include "server/api/dictionary_routes.hpp"

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "server/http/if_match.hpp"
#include "server/http/json_body.hpp"

namespace hindsight::server {
namespace db = common::db;
using nlohmann::json;

namespace {

Response with_version(const json& answer) {
  return Response::json(200, answer)
      .with_header("ETag", version_etag(answer["version"].get<int>()));
}

}  // namespace

void add_dictionary_routes(Router& router, const DictionaryService& dictionary,
                           db::ConnectionPool& pool) {
  router.add("GET", "/api/v1/dictionary", Access::reviewer,
             [&dictionary](Request&) { return with_version(dictionary.get()); });

  router.add("PUT", "/api/v1/dictionary", Access::admin, [&dictionary, &pool](Request& req) {
    int version = if_match_version(req);
    json body = parse_json_object(req);
    auto it = body.find("dictionary");
    if (it == body.end())
      throw common::ApiError::validation("dictionary", "dictionary is required");
    return with_version(db::with_transaction(pool, [&](db::Transaction& tx) {
      return dictionary.replace(tx, req.caller(), version, *it);
    }));
  });
}

}  // namespace hindsight::server
