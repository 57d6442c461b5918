#include "server/lessons/incident_start.hpp"

#include "common/util/time_format.hpp"

namespace hindsight::server {
using common::anonymizer::Instant;
using nlohmann::json;

namespace {

std::optional<Instant> instant(const json& value) {
  if (!value.is_string()) return std::nullopt;
  return common::parse_rfc3339(value.get<std::string>());
}

}  // namespace

common::anonymizer::IncidentClock incident_clock(const json& postmortem) {
  auto start = instant(postmortem.value("started_at", json(nullptr)));
  if (!start) {
    for (const auto& entry : postmortem.value("timeline", json::array())) {
      auto at = instant(entry.value("at", json(nullptr)));
      if (at && (!start || *at < *start)) start = at;
    }
  }
  return common::anonymizer::IncidentClock(start);
}

}  // namespace hindsight::server
