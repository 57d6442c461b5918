#include "server/action_items/action_item_input.hpp"

#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "common/util/time_format.hpp"

namespace hindsight::server {
using common::ApiError;
using common::required_string;
using nlohmann::json;

namespace {

// As long as a postmortem's action item may be (server/postmortems/postmortem_input.cpp).
constexpr std::size_t kTextMax = 10'000;

// One member that a change or a new item may carry, into `out`; false for any other name.
bool read_changeable(const json& body, const std::string& key, const json& value, json& out) {
  if (key == "status") {
    auto status = required_string(body, "status", 20);
    if (status != "open" && status != "in_progress" && status != "done" && status != "wont_do")
      throw ApiError::validation("status",
                                 "status must be one of open, in_progress, done, wont_do");
    out["status"] = status;
  } else if (key == "owner") {
    out["owner"] = value.is_null() ? json(nullptr) : json(required_string(body, "owner", 63));
  } else if (key == "due") {
    if (!value.is_null() && !(value.is_string() && common::parse_date(value.get<std::string>())))
      throw ApiError::validation("due", "due must be a date such as 2026-06-30, or null");
    out["due"] = value;
  } else if (key == "external_link") {
    if (!value.is_null()) {
      auto link = required_string(body, "external_link", 2000);
      if (!link.starts_with("https://") && !link.starts_with("http://"))
        throw ApiError::validation("external_link", "external_link must be an http(s) URL");
    }
    out["external_link"] = value;
  } else {
    return false;
  }
  return true;
}

}  // namespace

json parse_action_item_patch(const json& body) {
  if (body.empty())
    throw ApiError::validation("", "nothing to change: send status, owner, due or external_link");
  json patch = json::object();
  for (auto& [key, value] : body.items())
    if (!read_changeable(body, key, value, patch))
      throw ApiError::validation(key, "unknown field " + key);
  return patch;
}

json parse_new_action_item(const json& body) {
  json item{{"text", required_string(body, "text", kTextMax)}};
  for (auto& [key, value] : body.items())
    if (key != "text" && !read_changeable(body, key, value, item))
      throw ApiError::validation(key, "unknown field " + key);
  return item;
}

}  // namespace hindsight::server
