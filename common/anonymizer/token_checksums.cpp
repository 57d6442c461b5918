#include "common/anonymizer/token_checksums.hpp"

#include <array>
#include <cstdint>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

constexpr std::array<std::uint32_t, 256> kCrc32Table = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}();

std::uint32_t crc32(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : data)
    c = kCrc32Table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kBech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

std::uint32_t bech32_polymod(std::uint32_t chk, unsigned value) {
  constexpr std::array<std::uint32_t, 5> kGenerator = {0x3B6A57B2u, 0x26508E6Du, 0x1EA119FAu,
                                                       0x3D4233DDu, 0x2A1462B3u};
  std::uint32_t top = chk >> 25;
  chk = ((chk & 0x1FFFFFFu) << 5) ^ value;
  for (unsigned i = 0; i < 5; ++i)
    if ((top >> i) & 1) chk ^= kGenerator[i];
  return chk;
}

}  // namespace

bool has_crc32_base62_checksum(std::string_view body) {
  if (body.size() != 36) return false;
  std::uint32_t n = crc32(body.substr(0, 30));
  char digits[6];
  for (int i = 5; i >= 0; --i) {
    digits[i] = kBase62[n % 62];
    n /= 62;
  }
  return body.substr(30) == std::string_view(digits, 6);
}

bool is_valid_bech32(std::string_view text) {
  auto separator = text.rfind('1');
  if (separator == std::string_view::npos || separator == 0 || separator + 7 > text.size() ||
      text.size() > 200)
    return false;
  std::string_view hrp = text.substr(0, separator);
  std::uint32_t chk = 1;
  for (char c : hrp)
    chk = bech32_polymod(chk, static_cast<unsigned char>(ascii_lower(c)) >> 5);
  chk = bech32_polymod(chk, 0);
  for (char c : hrp)
    chk = bech32_polymod(chk, static_cast<unsigned char>(ascii_lower(c)) & 31);
  for (char c : text.substr(separator + 1)) {
    auto value = kBech32.find(ascii_lower(c));
    if (value == std::string_view::npos) return false;
    chk = bech32_polymod(chk, static_cast<unsigned>(value));
  }
  return chk == 1;
}

}  // namespace hindsight::common::anonymizer
