#include "server/lessons/rule_set.hpp"

namespace hindsight::server {

common::anonymizer::ReviewerRules RuleSet::for_field(const std::string& field) const {
  common::anonymizer::ReviewerRules out;
  for (const auto& term : redact_terms)
    if (term.field.empty() || term.field == field)
      out.redact_terms.push_back({term.rule_id, term.text, term.type, !term.field.empty()});
  for (const auto& span : redact_spans)
    if (span.field == field)
      out.redact_spans.push_back({span.rule_id, span.start, span.end, span.type});
  out.keep_terms = keep_terms;
  return out;
}

}  // namespace hindsight::server
