#include "tests/support/recording_proxy.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "federation/http/https_client.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

namespace {

// Hop-by-hop and framing headers: each side of the proxy sets its own.
bool passes_through(std::string_view name) {
  return !beast::iequals(name, "host") && !beast::iequals(name, "content-length") &&
         !beast::iequals(name, "connection") && !beast::iequals(name, "transfer-encoding");
}

}  // namespace

struct RecordingProxy::Impl {
  Impl() : client(client_options()) {
    tls.use_certificate_chain_file(test_pki().cert_file);
    tls.use_private_key_file(test_pki().key_file, ssl::context::pem);
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor.open(endpoint.protocol());
    acceptor.bind(endpoint);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
  }

  static federation::HttpsClientOptions client_options() {
    federation::HttpsClientOptions options;
    options.use_system_store = false;
    options.trust_ca_file = test_pki().ca_file;
    options.timeout = std::chrono::seconds(60);
    options.max_response_bytes = 256 * 1024 * 1024;
    return options;
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;  // closed at shutdown
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> serve(asio::ip::tcp::socket socket) {
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(60));
    auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server,
                                                          asio::as_tuple(asio::use_awaitable));
    if (handshake_ec) co_return;
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(256 * 1024 * 1024);
      auto [read_ec, n] =
          co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      if (read_ec) co_return;
      auto request = parser.release();
      bool keep_alive = request.keep_alive();
      auto failure = take_failure(std::string(request.target()));
      if (failure == 0) {
        record({std::string(request.method_string()), std::string(request.target()), request.body(),
                0, "", std::chrono::steady_clock::now()});
        co_return;  // dropped: the socket closes with no answer
      }
      auto response = co_await answer(request, failure);
      response.keep_alive(keep_alive);
      auto [write_ec, w] =
          co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
      if (write_ec || !keep_alive) break;
    }
    co_await stream.async_shutdown(asio::as_tuple(asio::use_awaitable));
  }

  // Forwards the request, or answers `failure` when there is one.
  asio::awaitable<http::response<http::string_body>> answer(
      const http::request<http::string_body>& request, std::optional<int> failure) {
    ProxiedExchange exchange{
        std::string(request.method_string()), std::string(request.target()), request.body(), 0, "",
        std::chrono::steady_clock::now()};
    http::response<http::string_body> response;
    response.version(11);
    uint16_t behind = target_port.load();
    if (failure || behind == 0) {
      response.result(failure.value_or(502));
      exchange.status = failure.value_or(502);
      response.set(http::field::content_type, "application/json");
      response.body() = R"({"error":"proxy_failure","message":"answered by the test proxy"})";
    } else {
      federation::HttpsRequest forwarded;
      forwarded.method = exchange.method;
      forwarded.url = "https://127.0.0.1:" + std::to_string(behind) + exchange.target;
      for (const auto& field : request)
        if (passes_through(field.name_string()))
          forwarded.headers.emplace_back(std::string(field.name_string()),
                                         std::string(field.value()));
      forwarded.body = request.body();
      try {
        auto reply = co_await client.async_send(std::move(forwarded));
        response.result(reply.status);
        for (const auto& [name, value] : reply.headers)
          if (passes_through(name)) response.set(name, value);
        response.body() = reply.body;
        exchange.status = reply.status;
        exchange.response_body = reply.body;
      } catch (const federation::HttpsError&) {
        response.result(http::status::bad_gateway);
      }
    }
    response.prepare_payload();
    record(std::move(exchange));
    co_return response;
  }

  // The status to answer instead of forwarding (0: drop the connection), if one is due.
  std::optional<int> take_failure(const std::string& target) {
    std::lock_guard lock(mutex);
    if (failures.empty() || !target.starts_with(failure_prefix)) return std::nullopt;
    int status = failures.front();
    failures.pop_front();
    return status;
  }

  void record(ProxiedExchange exchange) {
    std::lock_guard lock(mutex);
    exchanges.push_back(std::move(exchange));
  }

  asio::io_context io;
  ssl::context tls{ssl::context::tls_server};
  asio::ip::tcp::acceptor acceptor{io};
  federation::HttpsClient client;
  uint16_t port = 0;
  std::atomic<uint16_t> target_port{0};
  mutable std::mutex mutex;
  std::string failure_prefix;
  std::deque<int> failures;
  std::vector<ProxiedExchange> exchanges;
  std::thread thread;
};

RecordingProxy::RecordingProxy() : impl_(std::make_unique<Impl>()) {
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

RecordingProxy::~RecordingProxy() {
  impl_->io.stop();
  impl_->thread.join();
}

std::string RecordingProxy::origin() const {
  return "https://127.0.0.1:" + std::to_string(impl_->port);
}

void RecordingProxy::forward_to(uint16_t port) {
  impl_->target_port = port;
}

void RecordingProxy::fail_next(const std::string& path_prefix, std::vector<int> statuses) {
  std::lock_guard lock(impl_->mutex);
  impl_->failure_prefix = path_prefix;
  impl_->failures.assign(statuses.begin(), statuses.end());
}

int RecordingProxy::failures_left() const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<int>(impl_->failures.size());
}

std::vector<ProxiedExchange> RecordingProxy::exchanges() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchanges;
}

}  // namespace hindsight::test
