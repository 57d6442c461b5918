#include "server/api/account_routes.hpp"

#include "common/db/transaction.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"

namespace hindsight::server {
namespace db = common::db;
namespace {

nlohmann::json token_json(const TokenInfo& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"created_at", t.created_at},
          {"last_used_at", t.last_used_at ? nlohmann::json(*t.last_used_at) : nlohmann::json()}};
}

}  // namespace

void add_account_routes(Router& router, const TokenService& tokens, TokenUsage& usage,
                        db::ConnectionPool& pool) {
  router.add(
      "GET", "/api/v1/me", Access::signed_in,
      [](Request& req) {
        const auto& p = req.caller();
        return Response::json(200, {{"username", p.username},
                                    {"display_name", p.display_name},
                                    {"role", role_name(p.role)}});
      },
      Runs::on_io_thread);

  router.add("GET", "/api/v1/tokens", Access::signed_in, [&tokens, &usage](Request& req) {
    usage.flush();  // the list shows this request's use too
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : tokens.list(req.caller().user_id))
      items.push_back(token_json(t));
    return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
  });

  router.add("POST", "/api/v1/tokens", Access::signed_in, [&tokens, &pool](Request& req) {
    auto body = parse_json_object(req, true);
    std::string name = optional_string(body, "name", 200).value_or("");
    auto created = db::with_transaction(pool, [&](db::Transaction& tx) {
      return tokens.create(tx, req.caller().user_id, name, &req.caller());
    });
    auto out = token_json(created.info);
    out["token"] = created.token;
    return Response::json(201, out);
  });

  router.add("DELETE", "/api/v1/tokens/{id}", Access::signed_in, [&tokens, &pool](Request& req) {
    const auto& id = path_text(req, "id", 36, "no such token");
    db::with_transaction(pool, [&](db::Transaction& tx) { tokens.revoke(tx, req.caller(), id); });
    return Response::json(200, {{"revoked", true}});
  });
}

}  // namespace hindsight::server
