// Another instance's discovery document, read as a stranger's bytes: every field checked, the
// document's `instance` must be the origin it was fetched from, and only Ed25519 keys of 32
// bytes are kept (docs/federation.md, "Identity and discovery").
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hindsight::federation {

// Microseconds, as RFC 3339 carries them: a stranger's far-future date stays representable.
using PeerTime = std::chrono::sys_time<std::chrono::microseconds>;

struct PeerKey {
  std::string id;          // the full key id, as signatures name it
  std::string public_key;  // 32 raw bytes
  std::optional<PeerTime> not_before;
  std::optional<PeerTime> not_after;

  bool valid_at(std::chrono::system_clock::time_point now) const;
};

struct PeerDiscovery {
  std::string origin;
  std::string name;
  std::vector<PeerKey> keys;
  std::string subscriptions_path;
  std::string inbox_path;
  std::string lessons_path;

  const PeerKey* key(std::string_view id) const;  // null when the peer has no such key
};

class DiscoveryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws DiscoveryError naming what is wrong.
PeerDiscovery parse_peer_discovery(const std::string& origin, std::string_view body);

}  // namespace hindsight::federation
