// Signing requests as a test instance would: its current key, read from its database with the
// test key-encryption key, under its full key id. Tests use it to act as a peer, and to forge
// what a peer must not be able to send.
#pragma once

#include <string>

#include "federation/identity/instance_keys.hpp"

namespace hindsight::test {

// The current key of the instance whose database is `conninfo` and whose origin is `origin`,
// under its full key id ("https://.../.well-known/hindsight#k...").
federation::SigningKey instance_signing_key(const std::string& conninfo, const std::string& origin);

}  // namespace hindsight::test
