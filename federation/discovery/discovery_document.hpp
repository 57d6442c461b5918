// What `GET /.well-known/hindsight` answers (docs/federation.md, "Identity and discovery"):
// the instance's origin, the name peers see, its valid public keys and its endpoints.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "federation/identity/instance_keys.hpp"

namespace hindsight::federation {

inline constexpr const char* kProtocol = "hindsight-federation/1";
inline constexpr const char* kDiscoveryPath = "/.well-known/hindsight";
// The endpoints discovery names; every request to them is signed.
inline constexpr const char* kSubscriptionsPath = "/federation/v1/subscriptions";
inline constexpr const char* kInboxPath = "/federation/v1/inbox";
inline constexpr const char* kLessonsPath = "/federation/v1/lessons";

struct InstanceIdentity {
  std::string origin;     // https://host[:port], no trailing slash
  std::string peer_name;  // what peers see
  std::string software_version;
};

// "https://a.example/.well-known/hindsight#k1..." for key "k1...".
std::string full_key_id(const std::string& origin, const std::string& key_id);

// The keys valid at `now`, newest first.
nlohmann::json discovery_document(const InstanceIdentity& identity,
                                  const std::vector<InstanceKey>& keys, Clock::time_point now);

}  // namespace hindsight::federation
