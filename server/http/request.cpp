#include "server/http/request.hpp"

#include <boost/url/parse_query.hpp>

#include "common/error/api_error.hpp"

namespace hindsight::server {

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return value;
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto params = boost::urls::parse_query(query);
  if (!params) return std::nullopt;
  // Form encoding: percent escapes, and '+' for a space.
  boost::urls::encoding_opts form;
  form.space_as_plus = true;
  for (auto param : *params) {
    if (param.key.decode(form) == name) return param.value.decode(form);
  }
  return std::nullopt;
}

const Principal& Request::caller() const {
  if (!principal) throw common::ApiError::unauthenticated();
  return *principal;
}

Response Response::json(int status, const nlohmann::json& value) {
  Response r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::text(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

}  // namespace hindsight::server
