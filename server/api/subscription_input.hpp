// Reading what a subscription names, the same way for an admin's request and a peer's: an
// origin (`peer_url`, `subscriber`) in normal form and a list of topics.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hindsight::server {

inline constexpr std::size_t kMaxTopics = 100;
inline constexpr std::size_t kMaxTopicChars = 100;

// `body[name]`, absent or null meaning none. 400 validation_failed naming the bad entry.
std::vector<std::string> read_topics(const nlohmann::json& body, const char* name = "topics");
// `body[name]` as an https origin in normal form; 400 validation_failed naming `name`.
std::string read_origin(const nlohmann::json& body, const char* name);
// The same for a value already read (a query parameter).
std::string origin_or_400(const std::string& url, const char* name);

}  // namespace hindsight::server
