#include "http/https_client.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

namespace hindsight::federation {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

struct HttpsClient::Impl {
  HttpsClientOptions options;
  ssl::context tls{ssl::context::tls_client};
};

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
  boost::system::error_code ec;
  if (impl_->options.use_system_store) tls.set_default_verify_paths(ec);
  if (!impl_->options.trust_ca_file.empty()) {
    tls.load_verify_file(impl_->options.trust_ca_file, ec);
    if (ec)
      throw HttpsError(
          fmt::format("trust CA file {}: {}", impl_->options.trust_ca_file, ec.message()));
  }
}

HttpsClient::~HttpsClient() = default;

asio::awaitable<HttpsResponse> HttpsClient::async_send(HttpsRequest request) const {
  auto parsed = boost::urls::parse_uri(request.url);
  if (!parsed || parsed->scheme() != "https" || parsed->host().empty())
    throw HttpsError(fmt::format("'{}' is not an https:// URL", request.url));
  std::string host = parsed->host_address();
  std::string port = parsed->has_port() ? std::string(parsed->port()) : "443";
  std::string target = std::string(parsed->encoded_path());
  if (target.empty()) target = "/";
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  auto executor = co_await asio::this_coro::executor;
  auto deadline = impl_->options.timeout;
  asio::ip::tcp::resolver resolver(executor);
  beast::ssl_stream<beast::tcp_stream> stream(executor, impl_->tls);

  auto [resolve_ec, endpoints] =
      co_await resolver.async_resolve(host, port, asio::as_tuple(asio::use_awaitable));
  if (resolve_ec) throw HttpsError(fmt::format("resolve {}: {}", host, resolve_ec.message()));

  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  bool is_ip = !ec;
  if (!is_ip && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
    throw HttpsError("cannot set TLS server name");
  stream.set_verify_callback(ssl::host_name_verification(host));

  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_after(deadline);
  auto [connect_ec, _] = co_await tcp.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  if (connect_ec)
    throw HttpsError(fmt::format("connect {}:{}: {}", host, port, connect_ec.message()));
  auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::client,
                                                        asio::as_tuple(asio::use_awaitable));
  if (handshake_ec) throw HttpsError(fmt::format("TLS with {}: {}", host, handshake_ec.message()));

  http::request<http::string_body> req;
  req.method_string(request.method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, parsed->encoded_host_and_port());
  req.set(http::field::user_agent, "hindsight");
  for (const auto& [name, value] : request.headers)
    req.set(name, value);
  req.body() = std::move(request.body);
  if (!req.body().empty() || request.method == "POST" || request.method == "PUT")
    req.prepare_payload();
  auto [write_ec, w] = co_await http::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
  if (write_ec) throw HttpsError(fmt::format("send to {}: {}", host, write_ec.message()));

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(impl_->options.max_response_bytes);
  auto [read_ec, r] =
      co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
  if (read_ec) throw HttpsError(fmt::format("read from {}: {}", host, read_ec.message()));

  HttpsResponse response;
  auto& res = parser.get();
  response.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    response.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  response.body = std::move(res.body());

  tcp.expires_after(std::chrono::seconds(1));
  co_await stream.async_shutdown(asio::as_tuple(asio::use_awaitable));  // best effort
  co_return response;
}

HttpsResponse HttpsClient::send(HttpsRequest request) const {
  asio::io_context ioc;
  auto future = asio::co_spawn(ioc, async_send(std::move(request)), asio::use_future);
  ioc.run();
  return future.get();
}

}  // namespace hindsight::federation
