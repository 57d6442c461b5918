// Turns one postmortem version into a lesson draft: every text field through the anonymizer's
// whole pipeline with ONE placeholder mapping, the reviewer's rules of that field and the
// incident's start as its context. Pure: no I/O; the original text is only read.
#pragma once

#include <nlohmann/json.hpp>

#include "common/anonymizer/anonymizer.hpp"
#include "server/lessons/rule_set.hpp"

namespace hindsight::server {

struct LessonDraft {
  nlohmann::json fields;  // federation::LessonFields in their JSON form (docs/federation.md)
  nlohmann::json tags;    // anonymized too: they leave the instance
  // [{field, type, start, end, placeholder, source: detector|directory|reviewer, rule_id?}]:
  // offsets into the original field's text; never overlapping within a field.
  nlohmann::json findings;
  // [{field, start, end, replacement}]: date-times replaced by "T+6m". Not findings: no
  // finding type of the contract names them.
  nlohmann::json coarsened;
};

// Dates and times are always coarsened in a lesson ("T+?" when the postmortem has no start):
// the context's incident is set from the postmortem whatever `context` holds.
LessonDraft draft_lesson(const nlohmann::json& postmortem_version,
                         const common::anonymizer::Anonymizer& anonymizer,
                         const common::anonymizer::DocumentContext& context, const RuleSet& rules);

}  // namespace hindsight::server
