#include "common/log/logger.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"

namespace hindsight::common {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

}  // namespace

void Logger::log(LogLevel level, std::string_view message, nlohmann::json fields) {
  if (!enabled(level)) return;
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = format_rfc3339_millis(std::chrono::system_clock::now());
  line["level"] = level_name(level);
  line["msg"] = message;
  if (fields.is_object()) {
    for (auto& [k, v] : fields.items())
      line[k] = std::move(v);
  }
  // Replace invalid UTF-8 rather than throwing: a log line must never take a request down.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text += '\n';
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

LogLevel parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::debug;
  if (text == "info") return LogLevel::info;
  if (text == "warn") return LogLevel::warn;
  if (text == "error") return LogLevel::error;
  throw UsageError(fmt::format("log level '{}' is not one of debug, info, warn, error", text));
}

}  // namespace hindsight::common
