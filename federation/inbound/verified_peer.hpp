// The instance a federation request comes from, once its signature has verified
// (request_verifier) and it was admitted (admission). Kept apart so that what carries it, the
// server's request included, does not depend on the verifier and its I/O.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "federation/discovery/peer_discovery.hpp"

namespace hindsight::federation {

struct VerifiedPeer {
  std::string origin;  // normal form, from the key id
  std::string key_id;
  std::vector<PeerKey> keys;  // the peer's keys valid now, for documents it sends
  std::string nonce;
  std::chrono::system_clock::time_point nonce_keep_until;
  bool subscription_request = false;  // the one request an origin with no subscription may make
  bool publishes_to_us = false;       // it accepted this instance's subscription (admit_request)
};

}  // namespace hindsight::federation
