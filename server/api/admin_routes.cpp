#include "server/api/admin_routes.hpp"

#include <charconv>

#include "common/audit/audit_reader.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "server/http/json_body.hpp"
#include "server/http/query_params.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

json user_patch(const json& body) {
  json patch = json::object();
  for (auto& [key, value] : body.items()) {
    if (key == "role") {
      auto role = required_string(body, "role", 20);
      if (!parse_role(role))
        throw ApiError::validation("role", "role must be member, reviewer or admin");
      patch["role"] = role;
    } else if (key == "disabled") {
      if (!value.is_boolean())
        throw ApiError::validation("disabled", "disabled must be true or false");
      patch["disabled"] = value;
    } else if (key == "display_name") {
      patch["display_name"] = optional_string(body, "display_name", 200).value_or("");
    } else if (key == "email") {
      auto email = optional_string(body, "email", 320);
      if (email) validate_email(*email);
      patch["email"] = email ? json(*email) : json(nullptr);
    } else {
      throw ApiError::validation(key, "unknown field " + key);
    }
  }
  if (patch.empty())
    throw ApiError::validation("", "nothing to change: send role, disabled, display_name or email");
  return patch;
}

}  // namespace

void add_admin_routes(Router& router, const UserService& users, db::ConnectionPool& pool) {
  router.add("GET", "/api/v1/users", Access::admin,
             [&users](Request&) { return Response::json(200, users.list()); });

  router.add("POST", "/api/v1/users", Access::admin, [&users, &pool](Request& req) {
    json body = parse_json_object(req);
    auto role = parse_role(required_string(body, "role", 20));
    if (!role) throw ApiError::validation("role", "role must be member, reviewer or admin");
    NewUser user{required_string(body, "username", 63),
                 optional_string(body, "display_name", 200).value_or(""),
                 optional_string(body, "email", 320), *role,
                 required_string(body, "password", 1024)};
    auto created = db::with_transaction(
        pool, [&](db::Transaction& tx) { return users.create(tx, user, &req.caller()); });
    return Response::json(201, {{"username", created.username},
                                {"display_name", created.display_name},
                                {"email", created.email ? json(*created.email) : json(nullptr)},
                                {"role", role_name(created.role)},
                                {"disabled", false}});
  });

  router.add("PATCH", "/api/v1/users/{username}", Access::admin, [&users, &pool](Request& req) {
    json patch = user_patch(parse_json_object(req));
    const auto& username = path_text(req, "username", 63, "no such user");
    return Response::json(200, db::with_transaction(pool, [&](db::Transaction& tx) {
                            return users.update(tx, req.caller(), username, patch);
                          }));
  });

  router.add("GET", "/api/v1/audit", Access::admin, [&pool](Request& req) {
    auto param = [&](const char* name) { return query_text(req, name); };
    auto from = query_instant(req, "from"), to = query_instant(req, "to");
    std::optional<long long> before;
    if (auto cursor = param("cursor")) {
      long long id = 0;
      auto [end, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), id);
      if (ec != std::errc() || end != cursor->data() + cursor->size() || id < 1)
        throw ApiError::validation("cursor", "cursor is not one this server gave out");
      before = id;
    }
    common::audit::Filter filter{
        param("actor"), param("action"), param("target_type"), param("target_id"), from, to,
        before};
    return Response::json(200, db::with_read_transaction(pool, [&](db::Transaction& tx) {
                            return common::audit::read_page(tx, filter);
                          }));
  });
}

}  // namespace hindsight::server
