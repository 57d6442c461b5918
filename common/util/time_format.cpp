#include "util/time_format.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace hindsight::common {

std::string format_rfc3339_millis(std::chrono::system_clock::time_point t) {
  auto millis = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(millis);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", seconds,
                     static_cast<int>((millis - seconds).count()));
}

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                     std::chrono::time_point_cast<std::chrono::seconds>(t));
}

}  // namespace hindsight::common
