// The one place where failures become the error shape of docs/http-api.md:
// {"error": {"code", "message", "field"}} with the right status, never a stack trace.
#pragma once

#include <exception>

#include "common/log/logger.hpp"
#include "server/http/request.hpp"

namespace hindsight::server {

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field = {});
// Maps the exception in flight; unknown failures are logged (with the request id) and become 500.
Response response_for_exception(std::exception_ptr error, const Request& request,
                                common::Logger& logger);

}  // namespace hindsight::server
