// An instance's name on the wire (docs/federation.md, "Identity and discovery"):
// "https://host[:port]" with the host in lower case and no default port, so that two spellings
// of one instance compare equal wherever origins are compared (key ids, subscriptions, blocks).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hindsight::federation {

// nullopt unless `url` is https://host[:port] with at most a "/" path, no user, query or
// fragment.
std::optional<std::string> normalize_origin(std::string_view url);

// The origin of a key id ("https://a.example/.well-known/hindsight#k1" -> "https://a.example"),
// nullopt when it is not a discovery key id.
std::optional<std::string> origin_of_key_id(std::string_view key_id);

}  // namespace hindsight::federation
