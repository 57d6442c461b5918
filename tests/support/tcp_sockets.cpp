#include "tests/support/tcp_sockets.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <charconv>
#include <filesystem>
#include <string>

namespace hindsight::test {

std::vector<bool> no_delay_of_sockets_connected_to(std::uint16_t peer_port) {
  std::vector<bool> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::string name = entry.path().filename().string();
    int fd = -1;
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc{}) continue;
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) continue;
    std::uint16_t port = 0;
    if (peer.ss_family == AF_INET)
      port = ntohs(reinterpret_cast<const sockaddr_in&>(peer).sin_port);
    else if (peer.ss_family == AF_INET6)
      port = ntohs(reinterpret_cast<const sockaddr_in6&>(peer).sin6_port);
    else
      continue;
    int no_delay = 0;
    socklen_t size = sizeof no_delay;
    if (port != peer_port || getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &no_delay, &size) != 0)
      continue;
    found.push_back(no_delay != 0);
  }
  return found;
}

}  // namespace hindsight::test
