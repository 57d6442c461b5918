// A reviewer's rules for one text (docs/anonymizer.md, "Reviewer rules"): terms and spans to
// redact, and terms to keep. Lessons store them per field; the redaction reads those of one text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/anonymizer/entity_type.hpp"

namespace hindsight::common::anonymizer {

struct ReviewerRules {
  struct Term {
    std::string rule_id;
    std::string text;
    EntityType type;
    // False: whole words, case-insensitive (term_matcher.hpp). True: every exact occurrence
    // (a span of an older version of the text, found again by its text).
    bool exact = false;
  };
  struct Span {
    std::string rule_id;
    std::size_t start;  // UTF-8 byte offsets into the text, end exclusive
    std::size_t end;
    EntityType type;
  };
  std::vector<Term> redact_terms;
  std::vector<Span> redact_spans;
  // Detector and directory findings whose whole text equals one of these (case-insensitive)
  // are kept.
  std::vector<std::string> keep_terms;
};

}  // namespace hindsight::common::anonymizer
