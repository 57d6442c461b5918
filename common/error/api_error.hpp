// The one exception type that request handling throws for a refusal the client should see.
// A single place (server/http/error_response) turns it into the JSON error shape of
// docs/http-api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace hindsight::common {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        field_(std::move(field)) {}

  // Extra top-level members of the error body (a 409 carries the current resource).
  ApiError& with(std::string key, nlohmann::json value) {
    extra_[std::move(key)] = std::move(value);
    return *this;
  }
  const nlohmann::json& extra() const noexcept { return extra_; }

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }

  static ApiError bad_request(std::string code, std::string message, std::string field = {}) {
    return {400, std::move(code), std::move(message), std::move(field)};
  }
  static ApiError validation(std::string field, std::string message) {
    return {400, "validation_failed", std::move(message), std::move(field)};
  }
  static ApiError unauthenticated(std::string message = "authentication required") {
    return {401, "unauthenticated", std::move(message)};
  }
  static ApiError forbidden(std::string message = "not allowed for your role") {
    return {403, "forbidden", std::move(message)};
  }
  static ApiError not_found(std::string message = "not found") {
    return {404, "not_found", std::move(message)};
  }
  static ApiError conflict(std::string message) { return {409, "conflict", std::move(message)}; }
  static ApiError unavailable(std::string message = "the database is unavailable") {
    return {503, "unavailable", std::move(message)};
  }

 private:
  int status_;
  std::string code_;
  std::string field_;
  nlohmann::json extra_ = nlohmann::json::object();
};

// A problem with the command line, the environment or the config file: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hindsight::common
