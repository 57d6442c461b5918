#include "federation/discovery/discovery_document.hpp"

#include "common/crypto/encoding.hpp"
#include "common/util/time_format.hpp"

namespace hindsight::federation {
using nlohmann::json;

std::string full_key_id(const std::string& origin, const std::string& key_id) {
  return origin + kDiscoveryPath + "#" + key_id;
}

json discovery_document(const InstanceIdentity& identity, const std::vector<InstanceKey>& keys,
                        Clock::time_point now) {
  json published = json::array();
  for (const auto& key : keys) {
    if (!key.valid_at(now)) continue;
    published.push_back(
        {{"id", full_key_id(identity.origin, key.key_id)},
         {"alg", "ed25519"},
         {"public_key", common::crypto::base64url_encode(key.public_key)},
         {"not_before", common::format_rfc3339(key.created_at)},
         {"not_after", key.not_after ? json(common::format_rfc3339(*key.not_after)) : json()}});
  }
  return {
      {"protocol", kProtocol},
      {"instance", identity.origin},
      {"name", identity.peer_name},
      {"keys", published},
      {"endpoints",
       {{"subscriptions", kSubscriptionsPath}, {"inbox", kInboxPath}, {"lessons", kLessonsPath}}},
      {"software", {{"name", "hindsight"}, {"version", identity.software_version}}}};
}

}  // namespace hindsight::federation
