#include "tests/support/raw_tls_connection.hpp"

#include <sys/socket.h>

namespace hindsight::test {
namespace asio = boost::asio;

RawTlsConnection::RawTlsConnection(uint16_t port, const std::string& ca_file) {
  tls_.load_verify_file(ca_file);
  stream_.set_verify_mode(asio::ssl::verify_peer);
  stream_.lowest_layer().connect({asio::ip::make_address("127.0.0.1"), port});
  stream_.handshake(asio::ssl::stream_base::client);
}

void RawTlsConnection::write(const std::string& bytes) {
  asio::write(stream_, asio::buffer(bytes));
}

std::string RawTlsConnection::read_until_closed(std::chrono::milliseconds timeout) {
  std::string out;
  read_until_closed(timeout, out);
  return out;
}

bool RawTlsConnection::closed_by_server(std::chrono::milliseconds timeout) {
  std::string ignored;
  return read_until_closed(timeout, ignored);
}

bool RawTlsConnection::read_until_closed(std::chrono::milliseconds timeout, std::string& out) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int fd = stream_.lowest_layer().native_handle();
  timeval tv{0, 100'000};  // wake up regularly to check the deadline
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    boost::system::error_code ec;
    std::size_t n = stream_.read_some(asio::buffer(buffer), ec);
    out.append(buffer, n);
    if (ec == asio::error::would_block || ec == asio::error::try_again) continue;
    if (ec) return true;
  }
  return false;
}

}  // namespace hindsight::test
