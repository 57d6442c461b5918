#include "federation/http/https_client.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <optional>

#include "federation/http/address_policy.hpp"
#include "federation/http/idle_connections.hpp"

namespace hindsight::federation {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

using Endpoints = std::vector<asio::ip::tcp::endpoint>;

struct HttpsClient::Impl {
  HttpsClientOptions options;
  ssl::context tls{ssl::context::tls_client};
  std::optional<IdleConnections> idle;  // when connections are kept between requests
};

namespace {

// Asio's resolver runs getaddrinfo on a background thread that cancelling cannot interrupt, and
// delivers nothing until it returns. The answer comes through a channel instead, so the request
// stops waiting when it is cancelled; an answer that comes later is dropped.
asio::awaitable<Endpoints> system_lookup(std::string host, std::string port) {
  using Answer = asio::experimental::concurrent_channel<void(boost::system::error_code, Endpoints)>;
  struct Lookup {
    explicit Lookup(const asio::any_io_executor& executor)
        : resolver(executor), answer(executor, 1) {}
    asio::ip::tcp::resolver resolver;
    Answer answer;
  };
  auto lookup = std::make_shared<Lookup>(co_await asio::this_coro::executor);
  lookup->resolver.async_resolve(host, port,
                                 [lookup](const boost::system::error_code& ec,
                                          const asio::ip::tcp::resolver::results_type& results) {
                                   Endpoints endpoints;
                                   for (const auto& entry : results)
                                     endpoints.push_back(entry.endpoint());
                                   lookup->answer.try_send(ec, std::move(endpoints));
                                 });
  auto [ec, endpoints] = co_await lookup->answer.async_receive(asio::as_tuple(asio::use_awaitable));
  if (ec) throw HttpsError(fmt::format("resolve {}: {}", host, ec.message()));
  co_return endpoints;
}

// The lookup, abandoned (cancelled) when the request's deadline comes first.
asio::awaitable<Endpoints> look_up_until(const HostLookup& lookup, const std::string& host,
                                         const std::string& port,
                                         std::chrono::steady_clock::time_point deadline) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer budget(executor, deadline);
  auto [order, lookup_error, endpoints, budget_ec] =
      co_await asio::experimental::make_parallel_group(
          asio::co_spawn(executor, lookup(host, port), asio::deferred),
          budget.async_wait(asio::deferred))
          .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
  if (order[0] == 1) throw HttpsError(fmt::format("resolve {}: timed out", host));
  if (lookup_error) {
    try {
      std::rethrow_exception(lookup_error);
    } catch (const HttpsError&) {
      throw;
    } catch (const std::exception& e) {
      throw HttpsError(fmt::format("resolve {}: {}", host, e.what()));
    }
  }
  co_return endpoints;
}

}  // namespace

std::string HttpsResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return v;
  }
  return {};
}

HttpsClient::HttpsClient(HttpsClientOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  auto& tls = impl_->tls;
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  tls.set_verify_mode(ssl::verify_peer);
  if (!impl_->options.lookup) impl_->options.lookup = system_lookup;
  if (impl_->options.keep_alive.count() > 0)
    impl_->idle.emplace(impl_->options.keep_alive, impl_->options.max_idle_connections);
  if (impl_->options.public_addresses_only)
    impl_->options.lookup = public_addresses_only(std::move(impl_->options.lookup));
  boost::system::error_code ec;
  if (impl_->options.use_system_store) {
    tls.set_default_verify_paths(ec);
    if (ec) throw HttpsError(fmt::format("system CA store: {}", ec.message()));
  }
  if (!impl_->options.trust_ca_file.empty()) {
    tls.load_verify_file(impl_->options.trust_ca_file, ec);
    if (ec)
      throw HttpsError(
          fmt::format("trust CA file {}: {}", impl_->options.trust_ca_file, ec.message()));
  }
}

HttpsClient::~HttpsClient() = default;

namespace {

struct Target {
  std::string host;  // as the certificate must name it
  std::string port;
  std::string host_and_port;  // the Host field
  std::string path_and_query;
};

Target parse_target(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "https" || parsed->host().empty())
    throw HttpsError(fmt::format("'{}' is not an https:// URL", url));
  Target target{parsed->host_address(), parsed->has_port() ? std::string(parsed->port()) : "443",
                std::string(parsed->encoded_host_and_port()), std::string(parsed->encoded_path())};
  if (target.path_and_query.empty()) target.path_and_query = "/";
  if (parsed->has_query()) target.path_and_query += "?" + std::string(parsed->encoded_query());
  return target;
}

// A new connection to `target` whose certificate names its host.
asio::awaitable<std::unique_ptr<TlsStream>> connect(
    const HttpsClientOptions& options, ssl::context& tls, const Target& target,
    std::chrono::steady_clock::time_point deadline) {
  auto stream = std::make_unique<TlsStream>(co_await asio::this_coro::executor, tls);
  auto endpoints = co_await look_up_until(options.lookup, target.host, target.port, deadline);

  boost::system::error_code ec;
  asio::ip::make_address(target.host, ec);
  bool is_ip = !ec;
  if (!is_ip && !SSL_set_tlsext_host_name(stream->native_handle(), target.host.c_str()))
    throw HttpsError("cannot set TLS server name");
  stream->set_verify_callback(ssl::host_name_verification(target.host));

  auto& tcp = beast::get_lowest_layer(*stream);
  tcp.expires_at(deadline);
  auto [connect_ec, _] = co_await tcp.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  if (connect_ec)
    throw HttpsError(
        fmt::format("connect {}:{}: {}", target.host, target.port, connect_ec.message()));
  // A request's body goes out after its headers; with Nagle's algorithm it would wait for the
  // peer's delayed ACK of the headers (up to 40 ms) before the peer could answer.
  boost::system::error_code option_ec;
  tcp.socket().set_option(asio::ip::tcp::no_delay(true), option_ec);
  auto [handshake_ec] = co_await stream->async_handshake(ssl::stream_base::client,
                                                         asio::as_tuple(asio::use_awaitable));
  if (handshake_ec)
    throw HttpsError(fmt::format("TLS with {}: {}", target.host, handshake_ec.message()));
  co_return stream;
}

struct Exchanged {
  HttpsResponse response;
  bool connection_reusable = false;  // the peer keeps it open and nothing more was sent
};

// One request and its whole answer on `stream`, before the deadline.
asio::awaitable<Exchanged> exchange(TlsStream& stream, const Target& target, HttpsRequest request,
                                    bool keep_alive, std::size_t max_response_bytes,
                                    std::chrono::steady_clock::time_point deadline) {
  http::request<http::string_body> req;
  req.method_string(request.method);
  req.target(target.path_and_query);
  req.version(11);
  req.set(http::field::host, target.host_and_port);
  req.set(http::field::user_agent, "hindsight");
  for (const auto& [name, value] : request.headers)
    req.set(name, value);
  req.body() = std::move(request.body);
  if (!req.body().empty() || request.method == "POST" || request.method == "PUT")
    req.prepare_payload();
  req.keep_alive(keep_alive);

  beast::get_lowest_layer(stream).expires_at(deadline);  // for write and read together
  auto [write_ec, w] = co_await http::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
  if (write_ec) throw HttpsError(fmt::format("send to {}: {}", target.host, write_ec.message()));

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_response_bytes);
  auto [read_ec, r] =
      co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
  if (read_ec) throw HttpsError(fmt::format("read from {}: {}", target.host, read_ec.message()));

  Exchanged out;
  auto& res = parser.get();
  out.response.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.response.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.response.body = std::move(res.body());
  out.connection_reusable = keep_alive && res.keep_alive() && buffer.size() == 0;
  co_return out;
}

asio::awaitable<HttpsResponse> send_with(const HttpsClientOptions& options, ssl::context& tls,
                                         IdleConnections* idle, HttpsRequest request) {
  auto target = parse_target(request.url);
  // One budget for the whole exchange: what the lookup takes, the rest cannot.
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  auto executor = co_await asio::this_coro::executor;
  ConnectionKey key{&asio::query(executor, asio::execution::context), target.host, target.port};

  std::unique_ptr<TlsStream> stream;
  if (idle) stream = idle->take(key);
  if (!stream) stream = co_await connect(options, tls, target, deadline);
  auto exchanged = co_await exchange(*stream, target, std::move(request), idle != nullptr,
                                     options.max_response_bytes, deadline);

  auto& tcp = beast::get_lowest_layer(*stream);
  if (exchanged.connection_reusable) {
    tcp.expires_never();
    idle->put(std::move(key), std::move(stream));
  } else {
    tcp.expires_at(std::min(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(1)));
    co_await stream->async_shutdown(asio::as_tuple(asio::use_awaitable));  // best effort
  }
  co_return std::move(exchanged.response);
}

}  // namespace

asio::awaitable<HttpsResponse> HttpsClient::async_send(HttpsRequest request) const {
  return send_with(impl_->options, impl_->tls, impl_->idle ? &*impl_->idle : nullptr,
                   std::move(request));
}

// A system lookup abandoned at the deadline still holds the private io_context until getaddrinfo
// gives up (Asio joins its resolver thread), so this call can outlast the budget by that much.
HttpsResponse HttpsClient::send(HttpsRequest request) const {
  asio::io_context ioc;
  auto future = asio::co_spawn(
      ioc, send_with(impl_->options, impl_->tls, nullptr, std::move(request)), asio::use_future);
  ioc.run();
  return future.get();
}

}  // namespace hindsight::federation
