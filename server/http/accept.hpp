// Content negotiation for routes that answer in more than one media type (RFC 9110 section
// 12.5.1, `Accept`).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace hindsight::server {

// The media type of `offered` ("text/html", "application/json") the client prefers: each gets
// the weight of the most specific range of `accept` that matches it (type/subtype, then type/*,
// then */*), and the heaviest wins; a tie, no Accept header, or nothing acceptable at all goes
// to the first offered (answering something readable rather than 406).
std::string_view preferred_media_type(std::optional<std::string_view> accept,
                                      const std::vector<std::string_view>& offered);

}  // namespace hindsight::server
