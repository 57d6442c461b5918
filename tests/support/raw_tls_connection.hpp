// A TLS connection on which a test writes raw bytes at its own pace (slow clients, requests
// interrupted by a shutdown) and reads whatever the server answers until it closes.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <string>

namespace hindsight::test {

class RawTlsConnection {
 public:
  RawTlsConnection(uint16_t port, const std::string& ca_file);
  void write(const std::string& bytes);
  // Reads until the server closes the connection or `timeout` passes; returns what arrived.
  std::string read_until_closed(std::chrono::milliseconds timeout);
  // True once the server has closed its side (a read returns EOF or an error).
  bool closed_by_server(std::chrono::milliseconds timeout);
  uint16_t local_port() const { return stream_.lowest_layer().local_endpoint().port(); }

 private:
  // Appends what arrives to `out`; true once the server closed, false at the timeout.
  bool read_until_closed(std::chrono::milliseconds timeout, std::string& out);

  boost::asio::io_context ioc_;
  boost::asio::ssl::context tls_{boost::asio::ssl::context::tls_client};
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_{ioc_, tls_};
};

}  // namespace hindsight::test
