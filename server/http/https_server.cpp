#include "server/http/https_server.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <list>
#include <mutex>

#include "common/crypto/random.hpp"
#include "common/runtime/exception_text.hpp"
#include "server/http/error_response.hpp"

namespace hindsight::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kHeaderLimit = 16 * 1024;
// After refusing a request before reading all of it: how long, and how much, to read and drop.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 64 * 1024 * 1024;

// One connection; shared between its coroutine and the shutdown sweep.
struct Connection {
  Connection(tcp::socket socket, ssl::context& tls) : stream(std::move(socket), tls) {}
  Stream stream;
  bool busy = false;  // a request is being read, handled or answered; touched on its strand only
};

std::string make_request_id(const http::request_header<>& header) {
  auto given = header["X-Request-Id"];
  bool usable =
      !given.empty() && given.size() <= 64 && std::all_of(given.begin(), given.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      });
  return usable ? std::string(given) : common::crypto::random_base64url(12);
}

// A response that brings its own Content-Security-Policy (a stricter one, as the public lesson
// pages do) gets that one alone: two policies would both apply.
void add_security_headers(http::response<http::string_body>& res, const Response& response) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Strict-Transport-Security", "max-age=31536000");
  bool own_policy = std::any_of(response.headers.begin(), response.headers.end(), [](auto& h) {
    return boost::beast::iequals(h.first, "Content-Security-Policy");
  });
  if (!own_policy)
    res.set("Content-Security-Policy",
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
}

http::response<http::string_body> to_beast(const Response& response, unsigned version,
                                           const std::string& request_id) {
  http::response<http::string_body> res{static_cast<http::status>(response.status), version};
  res.set(http::field::server, "hindsight");
  res.set(http::field::content_type, response.content_type);
  res.set("X-Request-Id", request_id);
  add_security_headers(res, response);
  for (const auto& [name, value] : response.headers)
    res.insert(name, value);
  res.body() = response.body;
  res.prepare_payload();
  return res;
}

Request to_request(const http::request<http::string_body>& req, const std::string& remote,
                   std::string request_id) {
  Request r;
  r.method = std::string(req.method_string());
  std::string_view target = req.target();
  std::size_t q = target.find('?');
  r.target = std::string(target);
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.body = req.body();
  r.remote_address = remote;
  r.request_id = std::move(request_id);
  return r;
}

}  // namespace

struct HttpsServer::Impl {
  asio::io_context& ioc;
  const ServerConfig& config;
  Dispatcher& dispatcher;
  common::Logger& logger;
  ssl::context tls{ssl::context::tls_server};
  tcp::acceptor acceptor{asio::make_strand(ioc)};
  std::atomic<bool> draining{false};
  std::atomic<std::size_t> open_connections{0};
  std::mutex connections_mutex;
  std::list<std::weak_ptr<Connection>> connections;

  Impl(asio::io_context& io, const ServerConfig& c, Dispatcher& d, common::Logger& l)
      : ioc(io), config(c), dispatcher(d), logger(l) {}

  void close_idle_connections();
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve_connection(std::shared_ptr<Connection> conn, std::string remote);
  asio::awaitable<void> refuse_too_large(Connection& conn, const Request& request,
                                         std::chrono::steady_clock::time_point started);
  // Before closing a connection whose last request was answered without being read whole.
  asio::awaitable<void> drop_unread_request(Connection& conn);
  asio::awaitable<bool> answer(Connection& conn, const http::request_header<>& header,
                               const Response& response, const std::string& request_id,
                               bool keep_alive);
  // The completion of a task this server started: a failure is logged, never lost.
  auto log_failure(std::string what) {
    return [this, what = std::move(what)](std::exception_ptr error) {
      if (error)
        logger.error(what + " failed", {{"error", common::runtime::exception_text(error)}});
    };
  }
};

HttpsServer::HttpsServer(asio::io_context& io, const ServerConfig& config, const TlsFiles& tls,
                         Dispatcher& dispatcher, common::Logger& logger)
    : impl_(std::make_unique<Impl>(io, config, dispatcher, logger)) {
  auto& ctx = impl_->tls;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                  ssl::context::single_dh_use);
  ctx.use_certificate_chain_file(tls.certificate_file);
  ctx.use_private_key_file(tls.private_key_file, ssl::context::pem);
}

HttpsServer::~HttpsServer() = default;

uint16_t HttpsServer::listen() {
  auto& acceptor = impl_->acceptor;
  auto address = asio::ip::make_address(impl_->config.listen.host);
  tcp::endpoint endpoint(address, impl_->config.listen.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor.local_endpoint().port();
}

void HttpsServer::start() {
  asio::co_spawn(impl_->acceptor.get_executor(), impl_->accept_loop(),
                 impl_->log_failure("accepting connections"));
}

asio::awaitable<void> HttpsServer::drain() {
  auto& impl = *impl_;
  impl.draining = true;
  asio::post(impl.acceptor.get_executor(), [&impl] {
    boost::system::error_code ignored;
    impl.acceptor.close(ignored);
  });
  impl.close_idle_connections();
  // Shutdown only: a short poll instead of a cross-thread event.
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (impl.open_connections > 0) {
    pause.expires_after(std::chrono::milliseconds(10));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

void HttpsServer::Impl::close_idle_connections() {
  // Idle connections close now; busy ones finish their request and then close.
  std::lock_guard lock(connections_mutex);
  for (auto& weak : connections) {
    if (auto conn = weak.lock()) {
      asio::post(conn->stream.get_executor(), [conn] {
        if (!conn->busy) beast::get_lowest_layer(conn->stream).cancel();
      });
    }
  }
}

asio::awaitable<void> HttpsServer::Impl::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kAsTuple);
    if (draining) break;
    if (ec) {
      if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) break;
      logger.warn("accept failed", {{"error", ec.message()}});
      continue;
    }
    // A response goes out in more than one write (headers, then the body, in TLS records).
    // With Nagle's algorithm the last write waits for the client's ACK of the first, which a
    // client delays up to 40 ms while it waits for the rest: every such response would be late.
    boost::system::error_code option_ec;
    socket.set_option(tcp::no_delay(true), option_ec);
    boost::system::error_code remote_ec;
    auto endpoint = socket.remote_endpoint(remote_ec);
    std::string remote = remote_ec ? "" : endpoint.address().to_string();
    auto conn = std::make_shared<Connection>(std::move(socket), tls);
    {
      std::lock_guard lock(connections_mutex);
      connections.remove_if([](const auto& w) { return w.expired(); });
      connections.push_back(conn);
    }
    ++open_connections;
    asio::co_spawn(conn->stream.get_executor(), serve_connection(conn, std::move(remote)),
                   [this, done = log_failure("serving a connection")](std::exception_ptr error) {
                     --open_connections;
                     done(error);
                   });
  }
}

asio::awaitable<bool> HttpsServer::Impl::answer(Connection& conn,
                                                const http::request_header<>& header,
                                                const Response& response,
                                                const std::string& request_id, bool keep_alive) {
  auto res = to_beast(response, header.version(), request_id);
  res.keep_alive(keep_alive && !draining);
  beast::get_lowest_layer(conn.stream).expires_after(config.limits.write_timeout);
  http::serializer<false, http::string_body> sr{res};
  if (header.method() == http::verb::head) sr.split(true);
  auto [ec, n] = header.method() == http::verb::head
                     ? co_await http::async_write_header(conn.stream, sr, kAsTuple)
                     : co_await http::async_write(conn.stream, sr, kAsTuple);
  co_return !ec && res.keep_alive();
}

asio::awaitable<void> HttpsServer::Impl::refuse_too_large(
    Connection& conn, const Request& request, std::chrono::steady_clock::time_point started) {
  Response r = error_response(
      413, "payload_too_large",
      fmt::format("the request body is over the limit of {} bytes", config.limits.body_limit));
  dispatcher.record(request, "unmatched", 413, r.body.size(),
                    std::chrono::steady_clock::now() - started);
  http::request_header<> header;
  header.version(11);
  header.method(http::verb::post);
  co_await answer(conn, header, r, request.request_id, false);
}

asio::awaitable<void> HttpsServer::Impl::drop_unread_request(Connection& conn) {
  // The client may still be writing what it sent the refused request with, and most read only
  // once it is sent: closing now would reset the connection under the answer. Read and drop
  // what it sends for a bounded time and amount first, as a lingering close does.
  beast::get_lowest_layer(conn.stream).expires_after(kLingerTime);
  std::array<char, 16 * 1024> sink;
  for (std::size_t dropped = 0; dropped < kLingerBytes;) {
    auto [ec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kAsTuple);
    if (ec) break;
    dropped += n;
  }
}

asio::awaitable<void> HttpsServer::Impl::serve_connection(std::shared_ptr<Connection> conn,
                                                          std::string remote) {
  auto& stream = conn->stream;
  auto& tcp_layer = beast::get_lowest_layer(stream);
  const auto& limits = config.limits;
  tcp_layer.expires_after(limits.header_timeout);
  auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::server, kAsTuple);
  beast::flat_buffer buffer;
  bool request_unread = false;  // the last request was refused before all of it was read
  while (!handshake_ec && !draining) {
    conn->busy = false;
    if (buffer.size() == 0) {
      // Keep-alive: wait for the first byte of the next request with the idle deadline.
      tcp_layer.expires_after(limits.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kAsTuple);
      if (ec) break;
      buffer.commit(n);
    }
    conn->busy = true;
    auto started = std::chrono::steady_clock::now();
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(limits.body_limit);
    tcp_layer.expires_after(limits.header_timeout);
    auto [header_ec, hn] = co_await http::async_read_header(stream, buffer, parser, kAsTuple);
    if (header_ec == beast::error::timeout || header_ec == http::error::end_of_stream ||
        header_ec == asio::error::operation_aborted ||
        header_ec == asio::ssl::error::stream_truncated || header_ec == asio::error::eof ||
        header_ec == asio::error::connection_reset)
      break;
    if (header_ec == http::error::body_limit) {
      // The declared Content-Length is over the limit: refuse before reading the body.
      Request big = to_request(parser.get(), remote, make_request_id(parser.get()));
      co_await refuse_too_large(*conn, big, started);
      request_unread = true;
      break;
    }
    if (header_ec) {
      // Malformed request line or headers: say so once, then close.
      Request bad;
      bad.method = "-";
      bad.remote_address = remote;
      bad.request_id = common::crypto::random_base64url(12);
      int status = header_ec == http::error::header_limit ? 431 : 400;
      Response r = error_response(status, status == 431 ? "headers_too_large" : "bad_request",
                                  "malformed HTTP request: " + header_ec.message());
      dispatcher.record(bad, "unparsed", status, r.body.size(),
                        std::chrono::steady_clock::now() - started);
      co_await answer(*conn, parser.get(), r, bad.request_id, false);
      request_unread = true;
      break;
    }
    const auto& header = parser.get();
    std::string request_id = make_request_id(header);
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      http::response<http::empty_body> cont{http::status::continue_, header.version()};
      tcp_layer.expires_after(limits.write_timeout);
      auto [cont_ec, cn] = co_await http::async_write(stream, cont, kAsTuple);
      if (cont_ec) break;
    }
    tcp_layer.expires_after(limits.body_timeout);
    auto [body_ec, bn] = co_await http::async_read(stream, buffer, parser, kAsTuple);
    if (body_ec == http::error::body_limit) {  // chunked bodies find out while reading
      Request big = to_request(parser.get(), remote, request_id);
      co_await refuse_too_large(*conn, big, started);
      request_unread = true;
      break;
    }
    if (body_ec) break;
    auto req = parser.release();
    Request request = to_request(req, remote, request_id);
    Response response = co_await dispatcher.handle(request);
    if (!co_await answer(*conn, req, response, request_id, req.keep_alive())) break;
  }
  if (request_unread) co_await drop_unread_request(*conn);
  conn->busy = false;
  tcp_layer.expires_after(std::chrono::seconds(2));
  if (!handshake_ec) co_await stream.async_shutdown(kAsTuple);
  boost::system::error_code ignored;
  tcp_layer.socket().shutdown(tcp::socket::shutdown_both, ignored);
  tcp_layer.close();
}

}  // namespace hindsight::server
