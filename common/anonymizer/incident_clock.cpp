#include "common/anonymizer/incident_clock.hpp"

#include <cstdlib>

namespace hindsight::common::anonymizer {
using std::chrono::seconds;

namespace {

struct Parts {
  bool negative;
  long long hours, minutes, secs;
};

Parts split(seconds elapsed) {
  long long total = elapsed.count();
  bool negative = total < 0;
  if (negative) total = -total;
  return {negative, total / 3600, total / 60 % 60, total % 60};
}

void append(std::string& out, long long value, char unit) {
  out += std::to_string(value);
  out += unit;
}

}  // namespace

std::string iso8601_duration(seconds elapsed) {
  Parts p = split(elapsed);
  std::string out = p.negative ? "-PT" : "PT";
  if (p.hours) append(out, p.hours, 'H');
  if (p.minutes) append(out, p.minutes, 'M');
  if (p.secs || (!p.hours && !p.minutes)) append(out, p.secs, 'S');
  return out;
}

std::optional<std::string> IncidentClock::offset(Instant t) const {
  if (!start_) return std::nullopt;
  return iso8601_duration(std::chrono::duration_cast<seconds>(t - *start_));
}

std::string IncidentClock::label(Instant t) const {
  if (!start_) return "T+?";
  Parts p = split(std::chrono::duration_cast<seconds>(t - *start_));
  std::string out = p.negative ? "T-" : "T+";
  if (p.hours) append(out, p.hours, 'h');
  if (p.minutes || (!p.hours && !p.secs)) append(out, p.minutes, 'm');
  if (p.secs) append(out, p.secs, 's');
  return out;
}

std::string IncidentClock::day_label(Instant day) const {
  if (!start_) return "T+?";
  auto elapsed =
      std::chrono::floor<std::chrono::days>(day) - std::chrono::floor<std::chrono::days>(*start_);
  std::string out = elapsed.count() < 0 ? "T-" : "T+";
  append(out, std::abs(elapsed.count()), 'd');
  return out;
}

}  // namespace hindsight::common::anonymizer
