// Reads the usual shape of a `hindsight anonymize` input line (docs/anonymizer.md) without
// building a JSON tree: an object with `id` (string or null), `text` and `context`, holding only
// strings, arrays of strings, `people` objects and nulls (no `incident_start`: its lines carry
// `coarsened` and go the general way). Any other line, valid or not, is
// declined, and the caller hands it to the general JSON parser, which also words the error line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/anonymizer/anonymizer_config.hpp"

namespace hindsight::server {

struct AnonymizeInput {
  std::optional<std::string> id;  // nullopt: null or absent
  std::string text;
  common::anonymizer::DocumentContext context;
};

// Fills `input` (reusing its buffers) and returns true when the line has the usual shape.
bool read_anonymize_line(std::string_view line, AnonymizeInput& input);

}  // namespace hindsight::server
