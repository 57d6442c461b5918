#include "federation/discovery/peer_discovery.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/crypto/encoding.hpp"
#include "common/util/time_format.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/discovery/origin.hpp"

namespace hindsight::federation {
using nlohmann::json;

namespace {

constexpr std::size_t kMaxKeys = 32;

const std::string& text_field(const json& object, const char* name, std::size_t max_length) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string())
    throw DiscoveryError(fmt::format("discovery document: '{}' must be a string", name));
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > max_length)
    throw DiscoveryError(fmt::format("discovery document: '{}' is too long", name));
  return text;
}

std::optional<PeerTime> optional_time(const json& key, const char* name) {
  auto it = key.find(name);
  if (it == key.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    throw DiscoveryError(fmt::format("discovery document: key '{}' must be a date-time", name));
  auto t = common::parse_rfc3339(it->get<std::string>());
  if (!t) throw DiscoveryError(fmt::format("discovery document: key '{}' is not RFC 3339", name));
  return *t;
}

// A path on the peer itself: endpoints never point elsewhere.
std::string endpoint(const json& endpoints, const char* name) {
  const auto& path = text_field(endpoints, name, 200);
  if (path.empty() || path[0] != '/' || path.starts_with("//"))
    throw DiscoveryError(fmt::format("discovery document: endpoint '{}' must be a path", name));
  return path;
}

}  // namespace

bool PeerKey::valid_at(std::chrono::system_clock::time_point now) const {
  auto at = std::chrono::time_point_cast<std::chrono::microseconds>(now);
  return (!not_before || *not_before <= at) && (!not_after || at < *not_after);
}

const PeerKey* PeerDiscovery::key(std::string_view id) const {
  for (const auto& k : keys)
    if (k.id == id) return &k;
  return nullptr;
}

PeerDiscovery parse_peer_discovery(const std::string& origin, std::string_view body) {
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw DiscoveryError("discovery document is not a JSON object");
  if (text_field(doc, "protocol", 100) != kProtocol)
    throw DiscoveryError(fmt::format("discovery document speaks '{}', not {}",
                                     doc["protocol"].get<std::string>(), kProtocol));
  auto instance = normalize_origin(text_field(doc, "instance", 300));
  if (!instance || *instance != origin)
    throw DiscoveryError(fmt::format("discovery document names instance '{}', not {}",
                                     doc["instance"].get<std::string>(), origin));
  PeerDiscovery peer;
  peer.origin = origin;
  peer.name = text_field(doc, "name", 200);
  auto keys = doc.find("keys");
  if (keys == doc.end() || !keys->is_array() || keys->size() > kMaxKeys)
    throw DiscoveryError("discovery document: 'keys' must be an array of at most 32 keys");
  for (const auto& key : *keys) {
    if (!key.is_object()) throw DiscoveryError("discovery document: a key is not an object");
    if (text_field(key, "alg", 20) != "ed25519") continue;  // a key we cannot use
    const auto& id = text_field(key, "id", 400);
    if (origin_of_key_id(id) != origin)
      throw DiscoveryError(fmt::format("discovery document: key '{}' is not {}'s", id, origin));
    auto raw = common::crypto::base64url_decode(text_field(key, "public_key", 100));
    if (!raw || raw->size() != 32)
      throw DiscoveryError(
          fmt::format("discovery document: key '{}' is not 32 bytes of base64url", id));
    peer.keys.push_back(
        {id, *raw, optional_time(key, "not_before"), optional_time(key, "not_after")});
  }
  auto endpoints = doc.find("endpoints");
  if (endpoints == doc.end() || !endpoints->is_object())
    throw DiscoveryError("discovery document: 'endpoints' must be an object");
  peer.subscriptions_path = endpoint(*endpoints, "subscriptions");
  peer.inbox_path = endpoint(*endpoints, "inbox");
  peer.lessons_path = endpoint(*endpoints, "lessons");
  return peer;
}

}  // namespace hindsight::federation
