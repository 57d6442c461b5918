// Checksums that some providers build into their tokens, so a token can be told from a string
// of the same shape: GitHub's and npm's CRC32 in base62, and the Bech32 of age's secret keys.
#pragma once

#include <string_view>

namespace hindsight::common::anonymizer {

// `body` is 30 random characters followed by the CRC32 of them in 6 base62 digits
// (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and `npm_` tokens, without the prefix).
bool has_crc32_base62_checksum(std::string_view body);

// `text` is a valid Bech32 string (BIP 173), in one case: `AGE-SECRET-KEY-1...`.
bool is_valid_bech32(std::string_view text);

}  // namespace hindsight::common::anonymizer
