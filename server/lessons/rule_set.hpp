// A reviewer's rules for one lesson as the redactor applies them (docs/anonymizer.md,
// "Lessons": the reviewer can add or remove redactions): terms and spans to redact, terms to
// keep.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/reviewer_rules.hpp"

namespace hindsight::server {

struct RuleSet {
  struct Term {
    std::string rule_id;
    std::string text;
    common::anonymizer::EntityType type;
    // Empty: every field, whole words, ASCII case-insensitive. Set: only that field, every
    // exact occurrence (a span of an older version, found again by its text).
    std::string field;
  };
  struct Span {
    std::string rule_id;
    std::string field;
    std::size_t start;
    std::size_t end;
    common::anonymizer::EntityType type;
  };
  std::vector<Term> redact_terms;
  std::vector<Span> redact_spans;
  // Detector findings whose whole text equals one of these (ASCII case-insensitive) are kept.
  std::vector<std::string> keep_terms;

  // The rules that apply to the text at `field` (text_fields.hpp), as the anonymizer reads them.
  common::anonymizer::ReviewerRules for_field(const std::string& field) const;
};

}  // namespace hindsight::server
