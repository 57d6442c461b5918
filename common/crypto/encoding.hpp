// Byte encodings: base64 (RFC 4648 section 4), base64url without padding (section 5), hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hindsight::common::crypto {

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // no padding
// nullopt when the text is not valid in that alphabet.
std::optional<std::string> base64_decode(std::string_view text);
std::optional<std::string> base64url_decode(std::string_view text);
// Standard base64 that also takes text without its '=' padding and ignores non-zero pad bits,
// as RFC 8941 section 4.2.7 asks of Byte Sequence parsers; other characters still fail.
std::optional<std::string> base64_decode_forgiving(std::string_view text);
std::string hex_encode(std::string_view bytes);

}  // namespace hindsight::common::crypto
