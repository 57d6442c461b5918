// The incident's start as a lesson reads it from a postmortem: `started_at`, or the earliest
// timeline entry when it is absent (docs/anonymizer.md, "Lessons").
#pragma once

#include <nlohmann/json.hpp>

#include "common/anonymizer/incident_clock.hpp"

namespace hindsight::server {

// A clock without a start when the postmortem has neither.
common::anonymizer::IncidentClock incident_clock(const nlohmann::json& postmortem);

}  // namespace hindsight::server
