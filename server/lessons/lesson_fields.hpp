// The fields of a lesson (federation/documents/lesson_document.hpp) made from a postmortem
// version: timeline entries as offsets from the incident's start, contributing factors with their
// category, action items with an owner role instead of a person, and the derived durations.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/anonymizer/incident_clock.hpp"
#include "federation/documents/lesson_document.hpp"

namespace hindsight::server {

// `redacted` maps text_fields paths to their anonymized text; everything else comes from the
// postmortem version (categories, statuses, times turned into offsets by `clock`).
federation::LessonFields lesson_fields(const nlohmann::json& postmortem_version,
                                       const std::map<std::string, std::string>& redacted,
                                       const common::anonymizer::IncidentClock& clock);

// What an action item's owner becomes: a role, never a person.
std::string owner_role(const nlohmann::json& action_item);

}  // namespace hindsight::server
