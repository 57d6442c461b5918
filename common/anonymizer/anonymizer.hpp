// The anonymization pipeline (docs/anonymizer.md): built once from the instance configuration, then
// asked to find and redact sensitive spans in texts, each with its document's context. Pure: no
// I/O. Safe to share between threads.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/redaction_session.hpp"
#include "common/anonymizer/reviewer_rules.hpp"

namespace hindsight::common::anonymizer {

class ContextLearner;
class Gazetteer;
class HostRules;
class PatternEngine;
class PersonDetector;

class Anonymizer {
 public:
  // Throws std::invalid_argument when an admin pattern does not compile.
  explicit Anonymizer(AnonymizerConfig config = {});
  ~Anonymizer();
  Anonymizer(const Anonymizer&) = delete;
  Anonymizer& operator=(const Anonymizer&) = delete;

  // Sorted, non-overlapping findings on UTF-8 boundaries.
  std::vector<Finding> detect(std::string_view text, const DocumentContext& context) const;

  // Every stage: detects, adds the directory's addresses and the reviewer's rules, coarsens
  // dates and times when the context has an incident, and replaces; `session` keeps numbering
  // consistent across a postmortem's fields.
  RedactedText anonymize(std::string_view text, const DocumentContext& context,
                         RedactionSession& session, const ReviewerRules& rules = {}) const;

 private:
  AnonymizerConfig config_;
  std::unique_ptr<Gazetteer> names_;
  std::unique_ptr<HostRules> hosts_;
  std::unique_ptr<PatternEngine> patterns_;
  std::unique_ptr<PersonDetector> persons_;
  std::unique_ptr<ContextLearner> learner_;
};

}  // namespace hindsight::common::anonymizer
