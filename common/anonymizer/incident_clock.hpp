// Time as a redacted text tells it: relative to the incident's start, never as a date
// (docs/anonymizer.md, "Dates and times").
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace hindsight::common::anonymizer {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

// ISO 8601 duration in hours, minutes and seconds ("PT6M", "PT26H5M", "PT0S"); elapsed time
// before the start is written with a leading minus ("-PT5M"), as XML Schema does.
std::string iso8601_duration(std::chrono::seconds elapsed);

class IncidentClock {
 public:
  IncidentClock() = default;  // the start is unknown
  explicit IncidentClock(std::optional<Instant> start) : start_(start) {}

  const std::optional<Instant>& start() const { return start_; }
  // ISO 8601 duration since the start; nullopt when no start is known.
  std::optional<std::string> offset(Instant t) const;
  // "T+6m", "T+1h20m", "T-5m", "T+0m"; "T+?" when no start is known.
  std::string label(Instant t) const;
  // For a whole day (the start of it, UTC): "T+0d" for the day the incident started, "T+1d",
  // "T-1d"; "T+?" when no start is known.
  std::string day_label(Instant day) const;

 private:
  std::optional<Instant> start_;
};

}  // namespace hindsight::common::anonymizer
