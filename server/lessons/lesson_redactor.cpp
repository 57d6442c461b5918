#include "server/lessons/lesson_redactor.hpp"

#include <map>

#include "server/lessons/incident_start.hpp"
#include "server/lessons/lesson_fields.hpp"
#include "server/lessons/text_fields.hpp"

namespace hindsight::server {
namespace anon = common::anonymizer;
using nlohmann::json;

LessonDraft draft_lesson(const json& postmortem_version, const anon::Anonymizer& anonymizer,
                         const anon::DocumentContext& document_context, const RuleSet& rules) {
  anon::DocumentContext context = document_context;
  context.incident = incident_clock(postmortem_version);
  anon::RedactionSession session;
  json findings = json::array();
  json coarsened = json::array();
  std::map<std::string, std::string> redacted;
  for (const auto& field : text_fields(postmortem_version)) {
    auto out = anonymizer.anonymize(field.text, context, session, rules.for_field(field.path));
    for (const auto& f : out.findings) {
      json finding = {
          {"field", field.path},          {"type", anon::entity_type_name(f.finding.type)},
          {"start", f.finding.start},     {"end", f.finding.end},
          {"placeholder", f.placeholder}, {"source", anon::finding_source_name(f.source)}};
      if (f.source == anon::FindingSource::kReviewer) finding["rule_id"] = f.rule_id;
      findings.push_back(std::move(finding));
    }
    for (const auto& c : out.coarsened)
      coarsened.push_back({{"field", field.path},
                           {"start", c.start},
                           {"end", c.end},
                           {"replacement", c.replacement}});
    redacted[field.path] = std::move(out.text);
  }
  json tags = json::array();
  for (std::size_t i = 0; i < postmortem_version.value("tags", json::array()).size(); ++i)
    tags.push_back(redacted["tags[" + std::to_string(i) + "]"]);
  return {federation::to_json(lesson_fields(postmortem_version, redacted, *context.incident)),
          std::move(tags), std::move(findings), std::move(coarsened)};
}

}  // namespace hindsight::server
