// The HTTP request and response as handlers see them: plain values, no Beast types, so
// handlers and services compile without the networking templates.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "federation/inbound/verified_peer.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;  // names in lower case

struct Request {
  std::string method;
  std::string target;  // the request target exactly as received: "/path?query"
  std::string path;    // the target's path, without the query
  std::string query;   // raw query string, without '?'
  HeaderList headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // {id} -> value, filled by the router
  std::optional<Principal> principal;              // set once authenticated
  std::optional<federation::VerifiedPeer> peer;    // set once a peer's signature verified

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  const Principal& caller() const;  // the authenticated principal; throws 401 when anonymous
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  HeaderList headers;
  std::string body;

  static Response json(int status, const nlohmann::json& value);
  static Response text(int status, std::string content_type, std::string body);
  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace hindsight::server
