#include "server/http/error_response.hpp"

#include "common/db/database_error.hpp"
#include "common/error/api_error.hpp"

namespace hindsight::server {

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  Response r = Response::json(status, {{"error", error}});
  if (status == 401) r.with_header("WWW-Authenticate", "Bearer");
  return r;
}

Response response_for_exception(std::exception_ptr error, const Request& request,
                                common::Logger& logger) {
  try {
    std::rethrow_exception(error);
  } catch (const common::ApiError& e) {
    Response r = error_response(e.status(), e.code(), e.what(), e.field());
    if (e.status() == 429 && e.extra().contains("retry_after"))
      r.with_header("Retry-After", e.extra()["retry_after"].dump());
    if (!e.extra().empty()) {
      auto body = nlohmann::json::parse(r.body);
      for (auto& [k, v] : e.extra().items())
        body[k] = v;
      r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return r;
  } catch (const common::db::DatabaseUnavailable& e) {
    logger.warn("database unavailable", {{"request_id", request.request_id}, {"error", e.what()}});
    return error_response(503, "unavailable", "the database is unavailable; try again shortly")
        .with_header("Retry-After", "5");
  } catch (const std::exception& e) {
    logger.error("request failed",
                 {{"request_id", request.request_id}, {"path", request.path}, {"error", e.what()}});
  } catch (...) {
    logger.error("request failed", {{"request_id", request.request_id}, {"path", request.path}});
  }
  return error_response(500, "internal",
                        "internal error; the server log has request id " + request.request_id);
}

}  // namespace hindsight::server
