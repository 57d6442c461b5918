// The outgoing HTTPS client spends one time budget on the whole exchange: the host name lookup,
// connect, TLS handshake, request and response. The peer here is a loopback listener that never
// answers the TLS handshake (the kernel completes the TCP handshake; nothing is ever accepted),
// and slow lookups are stand-ins given through the client's lookup option.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "federation/http/https_client.hpp"

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Answers with `endpoint` after `delay`; stops early when cancelled.
asio::awaitable<std::vector<tcp::endpoint>> slow_lookup(tcp::endpoint endpoint,
                                                        Clock::duration delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
  co_return std::vector<tcp::endpoint>{endpoint};
}

asio::awaitable<std::vector<tcp::endpoint>> failing_lookup(std::string host) {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  throw federation::HttpsError("resolve " + host + ": not found");
}

class HttpsClientDeadline : public ::testing::Test {
 protected:
  federation::HttpsClientOptions options(std::chrono::milliseconds timeout) const {
    federation::HttpsClientOptions o;
    o.use_system_store = false;
    o.timeout = timeout;
    return o;
  }

  federation::HttpsRequest request(const std::string& host) const {
    federation::HttpsRequest r;
    r.url = "https://" + host + ":" + std::to_string(silent_peer.local_endpoint().port()) + "/";
    return r;
  }

  // How long send() took, and what it threw (it must throw HttpsError).
  std::pair<Clock::duration, std::string> failed_send(const federation::HttpsClient& client,
                                                      const federation::HttpsRequest& r) const {
    auto start = Clock::now();
    std::string error;
    try {
      client.send(r);
      ADD_FAILURE() << "the request did not fail";
    } catch (const federation::HttpsError& e) {
      error = e.what();
    }
    return {Clock::now() - start, error};
  }

  asio::io_context ioc;
  tcp::acceptor silent_peer{ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0)};
};

TEST_F(HttpsClientDeadline, HandshakeThatNeverAnswersEndsAtTheDeadline) {
  federation::HttpsClient client(options(400ms));
  auto [took, error] = failed_send(client, request("127.0.0.1"));
  EXPECT_GE(took, 400ms);
  EXPECT_LT(took, 1500ms);
  EXPECT_NE(error.find("TLS with 127.0.0.1"), std::string::npos) << error;
}

TEST_F(HttpsClientDeadline, SystemLookupOfANameSharesTheBudget) {
  federation::HttpsClient client(options(400ms));
  auto [took, error] = failed_send(client, request("localhost"));  // from /etc/hosts
  EXPECT_GE(took, 400ms);
  EXPECT_LT(took, 1500ms);
  EXPECT_NE(error.find("TLS with localhost"), std::string::npos) << error;
}

// With the lookup outside the budget its 800 ms would come on top of the 1 s (1.8 s in all).
TEST_F(HttpsClientDeadline, SlowLookupLeavesLessTimeForTheRest) {
  auto o = options(1000ms);
  auto peer = silent_peer.local_endpoint();
  o.lookup = [peer](std::string, std::string) { return slow_lookup(peer, 800ms); };
  federation::HttpsClient client(o);
  auto [took, error] = failed_send(client, request("peer.example"));
  EXPECT_GE(took, 1000ms);
  EXPECT_LT(took, 1700ms);
  EXPECT_NE(error.find("TLS with peer.example"), std::string::npos) << error;
}

TEST_F(HttpsClientDeadline, LookupThatNeverAnswersIsAbandonedAtTheDeadline) {
  auto o = options(400ms);
  auto peer = silent_peer.local_endpoint();
  o.lookup = [peer](std::string, std::string) { return slow_lookup(peer, 1h); };
  federation::HttpsClient client(o);
  auto [took, error] = failed_send(client, request("peer.example"));
  EXPECT_GE(took, 400ms);
  EXPECT_LT(took, 1500ms);
  EXPECT_EQ(error, "resolve peer.example: timed out");
}

TEST_F(HttpsClientDeadline, FailedLookupIsReportedAtOnce) {
  auto o = options(5000ms);
  o.lookup = [](std::string host, std::string) { return failing_lookup(host); };
  federation::HttpsClient client(o);
  auto [took, error] = failed_send(client, request("peer.example"));
  EXPECT_LT(took, 1000ms);
  EXPECT_EQ(error, "resolve peer.example: not found");
}

}  // namespace
}  // namespace hindsight::test
