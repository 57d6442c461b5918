// RFC 3339 timestamps in UTC, the only time format the API and the logs write.
#pragma once

#include <chrono>
#include <string>

namespace hindsight::common {

std::string format_rfc3339_millis(std::chrono::system_clock::time_point t);  // ...T12:00:00.123Z
std::string format_rfc3339(std::chrono::system_clock::time_point t);         // ...T12:00:00Z

}  // namespace hindsight::common
