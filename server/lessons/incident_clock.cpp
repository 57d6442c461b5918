#include "server/lessons/incident_clock.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "common/util/time_format.hpp"

namespace hindsight::server {
using nlohmann::json;
using std::chrono::seconds;

namespace {

std::optional<Instant> instant(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return common::parse_rfc3339(value.get<std::string>());
}

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

}  // namespace

std::string iso8601_duration(seconds elapsed) {
  Parts p = split(elapsed);
  std::string out = p.negative ? "-PT" : "PT";
  if (p.hours) out += fmt::format("{}H", p.hours);
  if (p.minutes) out += fmt::format("{}M", p.minutes);
  if (p.secs || (!p.hours && !p.minutes)) out += fmt::format("{}S", p.secs);
  return out;
}

IncidentClock IncidentClock::of(const json& postmortem) {
  IncidentClock clock;
  clock.start_ = instant(postmortem.value("started_at", json(nullptr)));
  if (clock.start_) return clock;
  // No start recorded: the earliest timeline entry stands in for it.
  for (const auto& entry : postmortem.value("timeline", json::array())) {
    auto at = instant(entry.value("at", json(nullptr)));
    if (at && (!clock.start_ || *at < *clock.start_)) clock.start_ = at;
  }
  return clock;
}

std::optional<std::string> IncidentClock::offset(Instant t) const {
  if (!start_) return std::nullopt;
  return iso8601_duration(std::chrono::duration_cast<seconds>(t - *start_));
}

std::string IncidentClock::label(Instant t) const {
  if (!start_) return "T+?";
  Parts p = split(std::chrono::duration_cast<seconds>(t - *start_));
  std::string out = p.negative ? "T-" : "T+";
  if (p.hours) out += fmt::format("{}h", p.hours);
  if (p.minutes || (!p.hours && !p.secs)) out += fmt::format("{}m", p.minutes);
  if (p.secs) out += fmt::format("{}s", p.secs);
  return out;
}

std::string IncidentClock::day_label(Instant day) const {
  if (!start_) return "T+?";
  auto elapsed =
      std::chrono::floor<std::chrono::days>(day) - std::chrono::floor<std::chrono::days>(*start_);
  return fmt::format("T{}{}d", elapsed.count() < 0 ? "-" : "+", std::abs(elapsed.count()));
}

}  // namespace hindsight::server
