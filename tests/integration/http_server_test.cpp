// The HTTPS surface of a running server: health, errors, limits, timeouts, authentication.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "tests/support/raw_tls_connection.hpp"
#include "tests/support/tcp_sockets.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

class HttpServerTest : public ::testing::Test {
 protected:
  TestDatabase db;
};

int count_tokens(const TestDatabase& db) {
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  return tx.exec("SELECT count(*) FROM api_tokens")[0][0].as<int>();
}

TEST_F(HttpServerTest, HealthzAnswersOk) {
  TestServer server(db.conninfo());
  auto r = server.get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["status"], "ok");
}

TEST_F(HttpServerTest, ReadyzReportsReadyOnMigratedDatabase) {
  TestServer server(db.conninfo());
  auto r = server.get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["status"], "ready");
}

TEST_F(HttpServerTest, AnonymousApiCallGets401WithErrorShape) {
  TestServer server(db.conninfo());
  auto r = server.get("/api/v1/me");
  EXPECT_EQ(r.status, 401);
  auto body = json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "unauthenticated");
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
}

TEST_F(HttpServerTest, OpenApiDocumentIsPublic) {
  TestServer server(db.conninfo());
  auto r = server.get("/api/v1/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["openapi"], "3.1.0");
}

TEST_F(HttpServerTest, BearerTokenIdentifiesTheCaller) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("carol", "reviewer");
  auto r = server.get("/api/v1/me", token);
  ASSERT_EQ(r.status, 200);
  auto body = json::parse(r.body);
  EXPECT_EQ(body["username"], "carol");
  EXPECT_EQ(body["role"], "reviewer");
  EXPECT_EQ(body["display_name"], "carol display");
}

TEST_F(HttpServerTest, UnknownTokenIsRefused) {
  TestServer server(db.conninfo());
  auto r = server.get("/api/v1/me", std::string("hs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "unauthenticated");
}

TEST_F(HttpServerTest, MalformedAuthorizationHeaderIsRefused) {
  TestServer server(db.conninfo());
  RawTlsConnection conn(server.port(), test_pki().ca_file);
  conn.write(
      "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YTpi\r\nConnection: "
      "close\r\n\r\n");
  std::string answer = conn.read_until_closed(std::chrono::seconds(5));
  EXPECT_NE(answer.find("HTTP/1.1 401"), std::string::npos);
  EXPECT_NE(answer.find("Bearer <token>"), std::string::npos);
}

TEST_F(HttpServerTest, RevokedTokenStopsWorkingAtOnce) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("dave", "member");
  auto list = json::parse(server.get("/api/v1/tokens", token).body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_TRUE(list["next_cursor"].is_null());
  std::string id = list["items"][0]["id"];
  EXPECT_EQ(server.request("DELETE", "/api/v1/tokens/" + id, {}, token).status, 200);
  EXPECT_EQ(server.get("/api/v1/me", token).status, 401);
}

TEST_F(HttpServerTest, DisabledUserIsCutOffAtOnce) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("erin", "admin");
  ASSERT_EQ(server.get("/api/v1/me", token).status, 200);
  {
    pqxx::connection conn(db.conninfo());
    pqxx::work tx(conn);
    tx.exec("UPDATE users SET disabled_at = now() WHERE username = 'erin'");
    tx.commit();
  }
  EXPECT_EQ(server.get("/api/v1/me", token).status, 401);
}

TEST_F(HttpServerTest, CreatedTokenWorksAndIsStoredOnlyAsHash) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("frank", "member");
  auto r = server.request("POST", "/api/v1/tokens", R"({"name": "ci"})", token);
  ASSERT_EQ(r.status, 201);
  auto body = json::parse(r.body);
  std::string fresh = body["token"];
  EXPECT_EQ(body["name"], "ci");
  EXPECT_EQ(server.get("/api/v1/me", fresh).status, 200);
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  auto found =
      tx.exec_params("SELECT count(*) FROM api_tokens WHERE token_hash = $1 OR name = $1", fresh);
  EXPECT_EQ(found[0][0].as<int>(), 0);
}

TEST_F(HttpServerTest, MalformedJsonGets400NamingTheProblem) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("gina", "member");
  int before = count_tokens(db);
  auto r = server.request("POST", "/api/v1/tokens", R"({"name": )", token);
  EXPECT_EQ(r.status, 400);
  auto body = json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "invalid_json");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("byte"), std::string::npos);
  EXPECT_EQ(count_tokens(db), before);
}

TEST_F(HttpServerTest, WrongFieldTypeGets400NamingTheField) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("hank", "member");
  int before = count_tokens(db);
  auto r = server.request("POST", "/api/v1/tokens", R"({"name": 42})", token);
  EXPECT_EQ(r.status, 400);
  auto body = json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "validation_failed");
  EXPECT_EQ(body["error"]["field"], "name");
  EXPECT_EQ(count_tokens(db), before);
}

TEST_F(HttpServerTest, BodyOverTheLimitGets413AndNothingIsStored) {
  TestServer server(db.conninfo(), {{"body_limit", "4096"}});
  auto token = server.create_user_with_token("ivan", "member");
  int before = count_tokens(db);
  std::string big = R"({"name": ")" + std::string(8000, 'x') + R"("})";
  auto r = server.request("POST", "/api/v1/tokens", big, token);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], "payload_too_large");
  EXPECT_EQ(count_tokens(db), before);
  // A client that writes all of a body far past the socket buffers before it reads still gets
  // the answer, not a connection reset under it.
  std::string huge = R"({"name": ")" + std::string(8 << 20, 'x') + R"("})";
  auto h = server.request("POST", "/api/v1/tokens", huge, token);
  EXPECT_EQ(h.status, 413);
  EXPECT_EQ(count_tokens(db), before);
}

TEST_F(HttpServerTest, UnknownApiRouteIs404Json) {
  TestServer server(db.conninfo());
  for (const char* path : {"/api/v1/nope", "/federation/v1/nope", "/api"}) {
    auto r = server.get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "not_found") << path;
  }
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  TestServer server(db.conninfo());
  auto r = server.request("DELETE", "/healthz");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET");
}

TEST_F(HttpServerTest, OtherPathsFallBackToTheHtmlPage) {
  TestServer server(db.conninfo());
  for (const char* path : {"/", "/postmortems/123"}) {
    auto r = server.get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(r.body.find("Hindsight"), std::string::npos);
  }
}

TEST_F(HttpServerTest, ResponsesCarrySecurityHeadersAndRequestId) {
  TestServer server(db.conninfo());
  federation::HttpsResponse r = server.get("/healthz");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(r.header("content-security-policy").empty());
  EXPECT_FALSE(r.header("x-request-id").empty());
}

TEST_F(HttpServerTest, MetricsCountRequestsByRouteAndStatus) {
  TestServer server(db.conninfo());
  server.get("/healthz");
  server.get("/api/v1/me");
  auto r = server.get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(
      r.body.find(R"(hindsight_http_requests_total{method="GET",route="/healthz",status="200"} 1)"),
      std::string::npos);
  EXPECT_NE(r.body.find(
                R"(hindsight_http_requests_total{method="GET",route="/api/v1/me",status="401"} 1)"),
            std::string::npos);
  EXPECT_NE(r.body.find("hindsight_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(HttpServerTest, RequestLogHasOneLinePerRequestWithoutSecrets) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("jane", "member");
  server.request("POST", "/api/v1/tokens", R"({"name": "secret-label-xyz"})", token);
  std::string log = server.log_text();
  EXPECT_NE(log.find(R"("route":"/api/v1/tokens")"), std::string::npos);
  EXPECT_EQ(log.find(token), std::string::npos);
  EXPECT_EQ(log.find("secret-label-xyz"), std::string::npos);
}

TEST_F(HttpServerTest, SlowClientSendingHeadersByteByByteIsCutOff) {
  TestServer server(db.conninfo(), {{"header_timeout", "1s"}});
  RawTlsConnection conn(server.port(), test_pki().ca_file);
  std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  auto started = std::chrono::steady_clock::now();
  bool cut_off = false;
  for (int i = 0; i < 60 && !cut_off; ++i) {
    try {
      conn.write(std::string(1, request[static_cast<std::size_t>(i) % request.size()]));
    } catch (const std::exception&) {
      cut_off = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  cut_off = cut_off || conn.closed_by_server(std::chrono::seconds(3));
  EXPECT_TRUE(cut_off);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server(db.conninfo());
  RawTlsConnection conn(server.port(), test_pki().ca_file);
  conn.write(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n");
  std::string answer = conn.read_until_closed(std::chrono::seconds(5));
  std::size_t first = answer.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(answer.find("HTTP/1.1 200", first + 1), std::string::npos);
}

// Responses go out in more than one write; with Nagle's algorithm the last would wait for the
// client's delayed ACK (up to 40 ms). The option is set on accepting, before the TLS handshake.
TEST_F(HttpServerTest, AcceptedConnectionsSendWithoutNagleDelay) {
  TestServer server(db.conninfo());
  RawTlsConnection conn(server.port(), test_pki().ca_file);
  EXPECT_EQ(no_delay_of_sockets_connected_to(conn.local_port()), std::vector<bool>{true});
}

TEST_F(HttpServerTest, MalformedRequestLineGets400) {
  TestServer server(db.conninfo());
  RawTlsConnection conn(server.port(), test_pki().ca_file);
  conn.write("NOT A REQUEST\r\n\r\n");
  std::string answer = conn.read_until_closed(std::chrono::seconds(5));
  EXPECT_NE(answer.find("HTTP/1.1 400"), std::string::npos);
  EXPECT_NE(answer.find("bad_request"), std::string::npos);
}

TEST_F(HttpServerTest, StopLetsARequestInFlightFinish) {
  TestServer server(db.conninfo());
  auto token = server.create_user_with_token("kim", "member");
  RawTlsConnection conn(server.port(), test_pki().ca_file);
  std::string body = R"({"name": "during-shutdown"})";
  conn.write("POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
             "\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::thread stopper([&] { server.stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  conn.write(body.substr(5));
  std::string answer = conn.read_until_closed(std::chrono::seconds(10));
  stopper.join();
  EXPECT_NE(answer.find("HTTP/1.1 201"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
}

}  // namespace
}  // namespace hindsight::test
