// Structured logs: one JSON object per line on stdout, safe to call from any thread.
// Callers pass fields, never secrets or request bodies.
#pragma once

#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string_view>

namespace hindsight::common {

enum class LogLevel { debug, info, warn, error };

class Logger {
 public:
  explicit Logger(std::FILE* out = stdout, LogLevel min_level = LogLevel::info)
      : out_(out), min_level_(min_level) {}

  void log(LogLevel level, std::string_view message, nlohmann::json fields = nullptr);
  void debug(std::string_view m, nlohmann::json f = nullptr) {
    log(LogLevel::debug, m, std::move(f));
  }
  void info(std::string_view m, nlohmann::json f = nullptr) {
    log(LogLevel::info, m, std::move(f));
  }
  void warn(std::string_view m, nlohmann::json f = nullptr) {
    log(LogLevel::warn, m, std::move(f));
  }
  void error(std::string_view m, nlohmann::json f = nullptr) {
    log(LogLevel::error, m, std::move(f));
  }

  bool enabled(LogLevel level) const { return level >= min_level_; }

 private:
  std::FILE* out_;
  LogLevel min_level_;
  std::mutex mutex_;
};

LogLevel parse_log_level(std::string_view text);  // throws UsageError

}  // namespace hindsight::common
