// What this process's own TCP sockets are set to, read with getsockopt: a test finds the socket
// a server accepted, or a client opened, by the port at its other end.
#pragma once

#include <cstdint>
#include <vector>

namespace hindsight::test {

// TCP_NODELAY of each of this process's connected TCP sockets whose other end is `peer_port`
// (on any address), one entry per socket.
std::vector<bool> no_delay_of_sockets_connected_to(std::uint16_t peer_port);

}  // namespace hindsight::test
