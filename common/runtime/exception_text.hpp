// Reading an exception carried across an asynchronous boundary (a completion handler's
// std::exception_ptr), for the one log line its owner writes about it.
#pragma once

#include <exception>
#include <string>

namespace hindsight::common::runtime {

// The exception's what(), or "unknown error" for one not derived from std::exception.
std::string exception_text(std::exception_ptr error);

// True when the work ended because it was cancelled (shutdown): not a failure to report.
bool is_cancellation(std::exception_ptr error);

}  // namespace hindsight::common::runtime
