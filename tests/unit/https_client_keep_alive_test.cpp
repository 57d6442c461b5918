// The outgoing HTTPS client keeps a connection open for the next request to the same host when
// asked to, and never reuses one the peer said it would close, closed meanwhile, or kept too
// long. The peer here is a small HTTPS server with the test certificate that counts the
// connections it accepts and names, in each answer, the connection and the request on it.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "federation/http/https_client.hpp"
#include "tests/support/tcp_sockets.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using namespace std::chrono_literals;

class CountingPeer {
 public:
  // `keep_alive`: whether answers keep the connection; `idle`: how long the peer waits for the
  // next request on a connection before closing it.
  CountingPeer(bool keep_alive, std::chrono::milliseconds idle)
      : keep_alive_(keep_alive), idle_(idle) {
    tls_.use_certificate_chain_file(test_pki().cert_file);
    tls_.use_private_key_file(test_pki().key_file, ssl::context::pem);
    asio::co_spawn(io_, accept_loop(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~CountingPeer() {
    io_.stop();
    thread_.join();
  }

  std::string url(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(port()) + "/";
  }
  int connections() const { return connections_.load(); }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      asio::co_spawn(io_, serve(std::move(socket), ++connections_), asio::detached);
    }
  }

  asio::awaitable<void> serve(asio::ip::tcp::socket socket, int connection) {
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls_);
    beast::get_lowest_layer(stream).expires_after(5s);
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server,
                                                          asio::as_tuple(asio::use_awaitable));
    if (handshake_ec) co_return;
    beast::flat_buffer buffer;
    for (int n = 1;; ++n) {
      beast::get_lowest_layer(stream).expires_after(idle_);  // closes the socket when it passes
      http::request<http::string_body> request;
      auto [read_ec, r] =
          co_await http::async_read(stream, buffer, request, asio::as_tuple(asio::use_awaitable));
      if (read_ec) co_return;
      http::response<http::string_body> response{http::status::ok, 11};
      response.body() = "connection " + std::to_string(connection) + " request " +
                        std::to_string(n) +
                        (request.keep_alive() ? "" : " (the client asked to close)");
      response.keep_alive(keep_alive_ && request.keep_alive());
      response.prepare_payload();
      auto [write_ec, w] =
          co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
      if (write_ec || !response.keep_alive()) co_return;
    }
  }

  bool keep_alive_;
  std::chrono::milliseconds idle_;
  asio::io_context io_;
  ssl::context tls_{ssl::context::tls_server};
  asio::ip::tcp::acceptor acceptor_{io_, {asio::ip::make_address("127.0.0.1"), 0}};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

class HttpsClientKeepAlive : public ::testing::Test {
 protected:
  federation::HttpsClientOptions options(std::chrono::milliseconds keep_alive) const {
    federation::HttpsClientOptions o;
    o.use_system_store = false;
    o.trust_ca_file = test_pki().ca_file;
    o.keep_alive = keep_alive;
    return o;
  }

  // Sends one request to each URL at once, on this fixture's io_context; the answers' bodies.
  std::vector<std::string> send_together(const federation::HttpsClient& client,
                                         const std::vector<std::string>& urls) {
    std::vector<std::future<federation::HttpsResponse>> answers;
    for (const auto& url : urls) {
      federation::HttpsRequest request;
      request.url = url;
      answers.push_back(asio::co_spawn(io, client.async_send(request), asio::use_future));
    }
    io.restart();
    io.run();
    std::vector<std::string> bodies;
    for (auto& answer : answers) {
      auto response = answer.get();
      EXPECT_EQ(response.status, 200);
      bodies.push_back(response.body);
    }
    return bodies;
  }

  std::string send(const federation::HttpsClient& client, const std::string& url) {
    return send_together(client, {url}).at(0);
  }

  asio::io_context io;  // outlives the clients, which keep its sockets
};

TEST_F(HttpsClientKeepAlive, SequentialRequestsToOneHostShareAConnection) {
  CountingPeer peer(true, 5s);
  federation::HttpsClient client(options(2s));
  for (int n = 1; n <= 4; ++n)
    EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request " + std::to_string(n));
  EXPECT_EQ(peer.connections(), 1);
}

// A request's body follows its headers in a second write; with Nagle's algorithm it would wait
// for the peer's delayed ACK of the headers. The kept connection shows the option.
TEST_F(HttpsClientKeepAlive, ConnectionsSendWithoutNagleDelay) {
  CountingPeer peer(true, 5s);
  federation::HttpsClient client(options(2s));
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request 1");
  EXPECT_EQ(no_delay_of_sockets_connected_to(peer.port()), std::vector<bool>{true});
}

TEST_F(HttpsClientKeepAlive, ConcurrentRequestsOpenWhatTheyNeedAndLaterOnesReuseThem) {
  CountingPeer peer(true, 5s);
  federation::HttpsClient client(options(2s));
  std::vector<std::string> urls(4, peer.url("127.0.0.1"));
  for (const auto& body : send_together(client, urls))
    EXPECT_TRUE(body.ends_with("request 1")) << body;
  EXPECT_EQ(peer.connections(), 4);
  for (const auto& body : send_together(client, urls))
    EXPECT_TRUE(body.ends_with("request 2")) << body;
  EXPECT_EQ(peer.connections(), 4);
}

TEST_F(HttpsClientKeepAlive, AnswerThatClosesTheConnectionIsNotReused) {
  CountingPeer peer(false, 5s);
  federation::HttpsClient client(options(2s));
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request 1");
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 2 request 1");
  EXPECT_EQ(peer.connections(), 2);
}

TEST_F(HttpsClientKeepAlive, ConnectionThePeerClosedMeanwhileIsReplacedWithoutAnError) {
  CountingPeer peer(true, 100ms);
  federation::HttpsClient client(options(10s));
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request 1");
  std::this_thread::sleep_for(400ms);  // the peer closes its end after 100 ms idle
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 2 request 1");
}

TEST_F(HttpsClientKeepAlive, ConnectionIsKeptOnlyForTheKeepAliveTime) {
  CountingPeer peer(true, 10s);
  federation::HttpsClient client(options(200ms));
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request 1");
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 2 request 1");
}

// The certificate names both; each host name gets its own connections all the same.
TEST_F(HttpsClientKeepAlive, ConnectionsAreNotSharedBetweenHostNames) {
  CountingPeer peer(true, 5s);
  federation::HttpsClient client(options(2s));
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request 1");
  EXPECT_EQ(send(client, peer.url("localhost")), "connection 2 request 1");
  EXPECT_EQ(send(client, peer.url("127.0.0.1")), "connection 1 request 2");
}

TEST_F(HttpsClientKeepAlive, WithoutKeepAliveEachRequestAsksToCloseItsConnection) {
  CountingPeer peer(true, 5s);
  federation::HttpsClient client(options(0ms));
  EXPECT_EQ(send(client, peer.url("127.0.0.1")),
            "connection 1 request 1 (the client asked to close)");
  EXPECT_EQ(send(client, peer.url("127.0.0.1")),
            "connection 2 request 1 (the client asked to close)");
}

TEST_F(HttpsClientKeepAlive, BlockingSendUsesAConnectionOfItsOwn) {
  CountingPeer peer(true, 5s);
  federation::HttpsClient client(options(2s));
  federation::HttpsRequest request;
  request.url = peer.url("127.0.0.1");
  EXPECT_EQ(client.send(request).body, "connection 1 request 1 (the client asked to close)");
  EXPECT_EQ(client.send(request).body, "connection 2 request 1 (the client asked to close)");
}

}  // namespace
}  // namespace hindsight::test
