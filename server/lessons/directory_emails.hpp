// The user directory's email addresses found in a text. The anonymizer's context carries them,
// but its detector does not look them up, and it misses addresses on reserved or internal
// domains; a lesson must never carry a colleague's address, so they are matched here too.
#pragma once

#include <string_view>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/entity_type.hpp"

namespace hindsight::server {

// EMAIL findings, ASCII case-insensitive, in text order, non-overlapping.
std::vector<common::anonymizer::Finding> directory_emails(
    std::string_view text, const common::anonymizer::DocumentContext& context);

}  // namespace hindsight::server
