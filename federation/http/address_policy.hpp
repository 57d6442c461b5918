// Which addresses a peer may have when the instance is set to federate with public peers only
// (`peer_addresses = "public"`): none of loopback, private, shared (CGNAT), link-local,
// unique-local, multicast, unspecified or documentation ranges, so an origin sent by a stranger
// cannot make the server connect into its own network.
#pragma once

#include <boost/asio/ip/address.hpp>

#include "federation/http/https_client.hpp"

namespace hindsight::federation {

bool is_public_address(const boost::asio::ip::address& address);

// Looks up with `inner` and keeps the public addresses; a host with none is an HttpsError.
HostLookup public_addresses_only(HostLookup inner);

}  // namespace hindsight::federation
