// The stages after detection (docs/anonymizer.md, "The pipeline", 10-13): the user directory's
// addresses, the reviewer's rules, and dates and times coarsened to offsets from the incident's
// start, laid over the detector's findings and written with the session's placeholders.
#pragma once

#include <string_view>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/redaction_session.hpp"
#include "common/anonymizer/reviewer_rules.hpp"

namespace hindsight::common::anonymizer {

// Precedence where spans overlap: a directory address absorbs the detector findings inside it;
// a reviewer's redaction absorbs any finding it touches (the union is redacted with the
// reviewer's type, so no detected text survives beside it); a date or time touching any of
// them is left to them. Dates and times are coarsened only when the context has an incident.
RedactedText redact_in_layers(std::string_view text, const std::vector<Finding>& detected,
                              const DocumentContext& context, const ReviewerRules& rules,
                              RedactionSession& session);

}  // namespace hindsight::common::anonymizer
