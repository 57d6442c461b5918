// Failures become {"error": {"code", "message", "field"}} with the right status; unknown
// failures are logged with the request id and never leak their text to the client.
#include "server/http/error_response.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/db/database_error.hpp"
#include "common/error/api_error.hpp"
#include "common/log/logger.hpp"

namespace hindsight::server {
namespace {
using common::ApiError;
using nlohmann::json;

std::optional<std::string> header_of(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return std::nullopt;
}

json body_of(const Response& r) {
  return json::parse(r.body);
}

// A Logger writing to a temporary file, so test output stays clean and lines can be read back.
class ErrorResponseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_file_ = std::tmpfile();
    ASSERT_NE(log_file_, nullptr);
    logger_.emplace(log_file_, common::LogLevel::debug);
    request_.method = "GET";
    request_.path = "/api/v1/postmortems/42";
    request_.request_id = "req-7f3a9c";
  }

  void TearDown() override {
    logger_.reset();
    if (log_file_ != nullptr) std::fclose(log_file_);
  }

  Response respond(std::exception_ptr error) {
    return response_for_exception(std::move(error), request_, *logger_);
  }

  // Every line logged so far.
  std::vector<std::string> log_lines() {
    std::fflush(log_file_);
    std::rewind(log_file_);
    std::string text;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, log_file_)) > 0)
      text.append(buffer, n);
    std::fseek(log_file_, 0, SEEK_END);
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }

  std::FILE* log_file_ = nullptr;
  std::optional<common::Logger> logger_;
  Request request_;
};

TEST_F(ErrorResponseTest, ApiErrorMapsToItsStatusAndErrorShape) {
  Response r = respond(std::make_exception_ptr(
      ApiError::validation("title", "title is longer than 200 characters")));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json");
  json body = body_of(r);
  ASSERT_TRUE(body.contains("error")) << r.body;
  const json& error = body.at("error");
  EXPECT_EQ(error.at("code").get<std::string>(), "validation_failed");
  EXPECT_EQ(error.at("message").get<std::string>(), "title is longer than 200 characters");
  EXPECT_EQ(error.at("field").get<std::string>(), "title");
  EXPECT_EQ(error.size(), 3u) << r.body;
}

TEST_F(ErrorResponseTest, FieldOmittedWhenEmpty) {
  Response r = respond(std::make_exception_ptr(ApiError::not_found("no such postmortem")));
  EXPECT_EQ(r.status, 404);
  const json error = body_of(r).at("error");
  EXPECT_EQ(error.at("code").get<std::string>(), "not_found");
  EXPECT_EQ(error.at("message").get<std::string>(), "no such postmortem");
  EXPECT_FALSE(error.contains("field")) << r.body;
}

TEST_F(ErrorResponseTest, CustomStatusIsKept) {
  Response r = respond(std::make_exception_ptr(ApiError(409, "conflict", "username is taken")));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(body_of(r).at("error").at("code").get<std::string>(), "conflict");
}

TEST_F(ErrorResponseTest, DatabaseUnavailableIs503WithRetryAfter) {
  Response r = respond(
      std::make_exception_ptr(common::db::DatabaseUnavailable("connection to 10.1.2.3 refused")));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(body_of(r).at("error").at("code").get<std::string>(), "unavailable");
  auto retry = header_of(r, "Retry-After");
  ASSERT_TRUE(retry.has_value());
  ASSERT_FALSE(retry->empty());
  EXPECT_EQ(retry->find_first_not_of("0123456789"), std::string::npos) << *retry;
  // The connection details stay in the log.
  EXPECT_EQ(r.body.find("10.1.2.3"), std::string::npos) << r.body;
}

TEST_F(ErrorResponseTest, UnknownExceptionIs500WithoutItsTextButWithRequestId) {
  Response r = respond(
      std::make_exception_ptr(std::runtime_error("pqxx: password authentication failed s3cr3t")));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(body_of(r).at("error").at("code").get<std::string>(), "internal");
  EXPECT_EQ(r.body.find("s3cr3t"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("password authentication"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("req-7f3a9c"), std::string::npos) << r.body;
}

TEST_F(ErrorResponseTest, UnknownExceptionIsLoggedWithTextAndRequestId) {
  respond(std::make_exception_ptr(std::runtime_error("pqxx: password authentication failed")));
  std::vector<std::string> lines = log_lines();
  ASSERT_EQ(lines.size(), 1u);
  const std::string& line = lines[0];
  EXPECT_NE(line.find("pqxx: password authentication failed"), std::string::npos) << line;
  EXPECT_NE(line.find("req-7f3a9c"), std::string::npos) << line;
  json entry = json::parse(line);
  EXPECT_EQ(entry.at("level").get<std::string>(), "error");
  EXPECT_EQ(entry.at("request_id").get<std::string>(), "req-7f3a9c");
  EXPECT_EQ(entry.at("error").get<std::string>(), "pqxx: password authentication failed");
}

TEST_F(ErrorResponseTest, NonStandardExceptionIs500AndLogged) {
  Response r = respond(std::make_exception_ptr(42));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("req-7f3a9c"), std::string::npos) << r.body;
  std::vector<std::string> lines = log_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("req-7f3a9c"), std::string::npos) << lines[0];
}

TEST_F(ErrorResponseTest, ApiErrorIsNotLogged) {
  respond(std::make_exception_ptr(ApiError::forbidden()));
  EXPECT_TRUE(log_lines().empty());
}

TEST_F(ErrorResponseTest, UnauthenticatedCarriesWwwAuthenticateBearer) {
  Response r = respond(std::make_exception_ptr(ApiError::unauthenticated()));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(header_of(r, "WWW-Authenticate"), std::optional<std::string>("Bearer"));
}

TEST(ErrorResponse, Only401CarriesWwwAuthenticate) {
  EXPECT_EQ(header_of(error_response(401, "unauthenticated", "sign in"), "WWW-Authenticate"),
            std::optional<std::string>("Bearer"));
  EXPECT_FALSE(header_of(error_response(403, "forbidden", "no"), "WWW-Authenticate").has_value());
  EXPECT_FALSE(header_of(error_response(400, "bad", "no", "x"), "WWW-Authenticate").has_value());
}

TEST(ErrorResponse, BuildsTheErrorShape) {
  Response r = error_response(422, "some_code", "some message", "some_field");
  EXPECT_EQ(r.status, 422);
  json body = json::parse(r.body);
  EXPECT_EQ(body.size(), 1u);
  EXPECT_EQ(body.at("error").at("code").get<std::string>(), "some_code");
  EXPECT_EQ(body.at("error").at("message").get<std::string>(), "some message");
  EXPECT_EQ(body.at("error").at("field").get<std::string>(), "some_field");
}

}  // namespace
}  // namespace hindsight::server
